import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { maskPhoneForLog } from '../phone-for-log';
import type { Outbox } from './outbox';
import { renderSmsText, type TemplateSet } from './templates';
import type { SmsRequest, SmsResult, SmsSender } from './types';

/** "+81 90-1234-5678": how a person reads the number, falling back to what was given. */
export function formatPhoneForLog(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/**
 * The dev sender, used when Vonage is not configured: the message goes to the in-memory outbox and
 * one line goes to the terminal (the number masked, the code whole), so a developer can sign in
 * with no account anywhere.
 */
export class OutboxSender implements SmsSender {
  readonly via = 'outbox' as const;

  constructor(
    private readonly outbox: Outbox,
    private readonly templates: TemplateSet,
    private readonly log: (line: string) => void,
  ) {}

  async send(request: SmsRequest): Promise<SmsResult> {
    const text = renderSmsText({ ...request, templates: this.templates });
    this.outbox.record({ to: request.to, text, code: request.code, usageType: request.usageType });
    this.log(`[sms] ${maskPhoneForLog(request.to)} ← code ${request.code} (${request.usageType})`);
    return { ok: true, via: 'outbox' };
  }
}
