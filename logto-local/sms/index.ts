/**
 * SMS delivery for logto-local: Vonage through the official SDK when configured, else the dev
 * outbox (terminal line + GET /dev/sms).
 * @see https://docs.logto.io/integrations/vonage-sms
 */
export { USAGE_TYPES } from './types';
export type { OutboxEntry, SmsLocale, SmsRequest, SmsResult, SmsSender, UsageType } from './types';
export { SmsConfigError } from './sms-config-error';
export { Outbox, OUTBOX_CAPACITY } from './outbox';
export { OutboxSender, formatPhoneForLog } from './outbox-sender';
export { renderOutboxPage, OUTBOX_REFRESH_SECONDS } from './outbox-page';
export { DEFAULT_TEMPLATES, pickTemplate, renderSmsText } from './templates';
export type { LocalizedTemplates, TemplateSet } from './templates';
export { loadTemplates, TEMPLATES_FILE_VARIABLE } from './template-file';
export {
  parseVonageConnectorConfig,
  readVonageCredentials,
  REQUIRED_USAGE_TYPES,
  smsTemplateSchema,
  smsTemplatesSchema,
  toLogtoTemplates,
  toTemplateSet,
  VONAGE_ENV_VARIABLES,
  vonageConnectorConfigSchema,
} from './vonage-config';
export type { SmsTemplates, VonageConnectorConfig } from './vonage-config';
export { VonageSender, VONAGE_TIMEOUT_MS } from './vonage';
export {
  describeVonageStatus,
  describeVonageUnreachable,
  DOCUMENTED_VONAGE_STATUSES,
} from './vonage-status';
export {
  createSmsSender,
  createSmsSenderFromConfig,
  VONAGE_REST_HOST_VARIABLE,
} from './create-sms-sender';
