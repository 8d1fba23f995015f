import type { Outbox } from '../sms/outbox';
import { maskEmailForLog } from './mask';
import { renderEmail } from './templates';
import type { EmailOutboxEntry, EmailRequest, EmailResult, EmailSender } from './types';
import type { LogtoConfig } from '../../logto-config';

type EmailTemplates = NonNullable<LogtoConfig['emailConnector']>['templates'];

/**
 * The dev email sender, used when SMTP is not configured: the email goes to the in-memory outbox
 * (GET /dev/email) and one line goes to the terminal, the address masked and the code whole.
 */
export class EmailOutboxSender implements EmailSender {
  readonly via = 'outbox' as const;

  constructor(
    private readonly outbox: Outbox<EmailOutboxEntry>,
    private readonly templates: EmailTemplates,
    private readonly log: (line: string) => void,
  ) {}

  async send(request: EmailRequest): Promise<EmailResult> {
    const { subject, text } = renderEmail(this.templates, request.usageType, request.code);
    this.outbox.record({
      to: request.to,
      subject,
      text,
      code: request.code,
      usageType: request.usageType,
    });
    this.log(
      `[email] ${maskEmailForLog(request.to)} ← code ${request.code} (${request.usageType})`,
    );
    return { ok: true };
  }
}
