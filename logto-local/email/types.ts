import type { TemplateUsageType } from '../../logto-config';
import type { Locale } from '../../lib/i18n/locales';

/** One verification code to deliver by email. */
export interface EmailRequest {
  /** Lowercase address, e.g. `ada@example.com`. */
  to: string;
  code: string;
  usageType: TemplateUsageType;
  /** The language of a failure message; the email itself is the template's, as on Logto. */
  locale: Locale;
}

/** The outcome of a send; a failure carries a message a person can act on. */
export type EmailResult = { ok: true } | { ok: false; message: string };

/** Delivers verification codes by email: through SMTP, or to the dev outbox. */
export interface EmailSender {
  readonly via: 'smtp' | 'outbox';
  send(request: EmailRequest): Promise<EmailResult>;
}

/** An email kept by the dev outbox, as served at GET /dev/email.json. */
export interface EmailOutboxEntry {
  to: string;
  subject: string;
  text: string;
  code: string;
  usageType: TemplateUsageType;
  /** ISO 8601. */
  sentAt: string;
}
