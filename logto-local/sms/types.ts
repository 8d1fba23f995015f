import type { Locale } from '../../lib/i18n/locales';
import type { TemplateUsageType } from '../../logto-config';

/** One verification code to deliver by SMS. */
export interface SmsRequest {
  /** E.164 with +, e.g. '+819012345678'. */
  to: string;
  code: string;
  usageType: TemplateUsageType;
  /** The language of a failure message; the text itself is the same in every language, as on Logto. */
  locale: Locale;
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
  usageType: TemplateUsageType;
  /** ISO 8601. */
  sentAt: string;
}
