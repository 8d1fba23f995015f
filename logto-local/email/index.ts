/**
 * Email codes for logto-local: Logto's SMTP connector when configured, else the dev outbox
 * (terminal line + GET /dev/email). The texts are logto.config.json's `emailConnector` templates.
 * @see https://docs.logto.io/integrations/smtp
 */
export type { EmailOutboxEntry, EmailRequest, EmailResult, EmailSender } from './types';
export { EmailOutboxSender } from './outbox-sender';
export { SmtpSender, type SmtpConnectorConfig } from './smtp-sender';
export { renderEmailOutboxPage } from './outbox-page';
export { readEmailSettings, type EmailSettings } from './settings';
export { maskEmailForLog, maskIdentifierForLog } from './mask';
export { renderEmail } from './templates';
