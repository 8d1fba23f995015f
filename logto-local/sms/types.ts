/**
 * Template usage types Logto's SMS connectors know. SignIn, Register, ForgotPassword and Generic
 * are required in a connector config; the others fall back to Generic.
 * @see https://docs.logto.io/connectors/connector-data-structure#usagetype
 */
export const USAGE_TYPES = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'Generic',
  'OrganizationInvitation',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
] as const;

/** One of Logto's template usage types. */
export type UsageType = (typeof USAGE_TYPES)[number];

/** Locales logto-local renders and sends messages in. */
export type SmsLocale = 'en' | 'ja';

/** One verification code to deliver by SMS. */
export interface SmsRequest {
  /** E.164 with +, e.g. '+819012345678'. */
  to: string;
  code: string;
  usageType: UsageType;
  locale: SmsLocale;
}

/**
 * The outcome of a send. A failure carries a person-facing, actionable message in the request
 * locale, and Vonage's `messages[].status` when Vonage answered.
 */
export type SmsResult =
  { ok: true; via: 'vonage' | 'outbox' } | { ok: false; message: string; status?: string };

/** Delivers verification codes, through Vonage or the dev outbox. */
export interface SmsSender {
  readonly via: 'vonage' | 'outbox';
  send(request: SmsRequest): Promise<SmsResult>;
}

/** A message kept by the dev outbox, as served at GET /dev/sms.json. */
export interface OutboxEntry {
  to: string;
  text: string;
  code: string;
  usageType: UsageType;
  /** ISO 8601. */
  sentAt: string;
}
