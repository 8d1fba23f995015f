import type { LogtoConfig } from '../../logto-config';
import type { SmtpConnectorConfig } from './smtp-sender';

/** How logto-local sends email codes, as logto.config.json's `emailConnector` and env describe it. */
export interface EmailSettings {
  templates: NonNullable<LogtoConfig['emailConnector']>['templates'];
  /** Logto's SMTP connector config when the password variable the file names is set. */
  smtp: SmtpConnectorConfig | undefined;
}

/**
 * The email settings, or undefined when the file has no `emailConnector` (no email sign-in then).
 * With the SMTP password set (`{ "env": "SMTP_PASSWORD" }`) codes go by real email; without it,
 * to the dev outbox at /dev/email.
 */
export function readEmailSettings(tenant: LogtoConfig): EmailSettings | undefined {
  const connector = tenant.emailConnector;
  if (connector === undefined) return undefined;
  const { pass } = connector.auth;
  return {
    templates: connector.templates,
    smtp:
      pass.value === undefined
        ? undefined
        : { ...connector, auth: { user: connector.auth.user, pass: pass.value } },
  };
}
