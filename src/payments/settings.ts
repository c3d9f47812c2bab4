import type { Config } from '../config.js';
import type { PaymentSettings } from './deps.js';

/** The payment settings from the configuration. */
export function paymentSettingsOf(config: Pick<Config, 'bankPartnerSecrets' | 'sadadBillerCode' | 'cardGateway'>): PaymentSettings {
  return { billerCode: config.sadadBillerCode, bankSecrets: config.bankPartnerSecrets, cardsEnabled: config.cardGateway !== 'none' };
}
