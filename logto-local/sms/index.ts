/**
 * SMS delivery for logto-local: Vonage through the official SDK when configured, else the dev
 * outbox (terminal line + GET /dev/sms). The texts are logto.config.json's templates.
 * @see https://docs.logto.io/integrations/vonage-sms
 */
export type { OutboxEntry, SmsRequest, SmsResult, SmsSender } from './types';
export { Outbox, OUTBOX_CAPACITY } from './outbox';
export { OutboxSender, formatPhoneForLog } from './outbox-sender';
export { renderOutboxPage, OUTBOX_REFRESH_SECONDS } from './outbox-page';
export { pickTemplate, renderSmsText, toTemplateSet, type TemplateSet } from './templates';
export { readSmsSettings, VONAGE_REST_HOST_VARIABLE, type SmsSettings } from './tenant-settings';
export { VonageSender, VONAGE_TIMEOUT_MS, type VonageCredentials } from './vonage';
export {
  describeVonageStatus,
  describeVonageUnreachable,
  DOCUMENTED_VONAGE_STATUSES,
} from './vonage-status';
