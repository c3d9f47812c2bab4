import type { AccountStatus } from '../db/tables.js';
import { translateBoth } from '../kernel/i18n/index.js';
import type { AttentionItem } from './dashboard.js';

/**
 * An account registered but not activated cannot use the e-services: its home says so first,
 * with every way the platform offers to activate it (a code from an office or a kiosk typed at
 * /me/activate, the person's bank, an office or kiosk in person), instead of "nothing needs
 * your attention".
 */
export function activationItems(accountStatus: AccountStatus | undefined): AttentionItem[] {
  if (accountStatus !== 'registered') return [];
  return [
    {
      kind: 'account_not_activated',
      tone: 'danger',
      title: translateBoth('dashboard.attention.account_not_activated.title'),
      detail: translateBoth('dashboard.attention.account_not_activated.detail'),
      steps: [
        translateBoth('dashboard.attention.account_not_activated.by_code'),
        translateBoth('dashboard.attention.account_not_activated.by_bank'),
        translateBoth('dashboard.attention.account_not_activated.in_person'),
      ],
      href: '/me/activate',
      action: translateBoth('dashboard.attention.account_not_activated.action'),
    },
  ];
}
