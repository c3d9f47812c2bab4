import type { Config } from '../config.js';
import { HttpSmsGateway } from './http-sms-gateway.js';
import { DemoEmailProvider, DemoSmsProvider, type Providers } from './providers.js';
import { SmtpEmailProvider } from './smtp-email.js';

/** The providers the settings ask for (config.ts has already refused an incomplete combination). */
export function providersFromConfig(config: Pick<Config, 'sms' | 'email'>): Providers {
  const { sms, email } = config;
  return {
    sms:
      sms.provider === 'http' && sms.url
        ? new HttpSmsGateway({
            url: sms.url,
            username: sms.username,
            password: sms.password,
            bodyTemplate: sms.bodyTemplate,
            senderName: sms.senderName,
          })
        : new DemoSmsProvider(),
    email: email.provider === 'smtp' && email.smtpUrl ? new SmtpEmailProvider({ smtpUrl: email.smtpUrl, from: email.from }) : new DemoEmailProvider(),
  };
}
