import type { LogtoConfig } from '../../logto-config';
import type { Locale } from '../../lib/i18n/locales';
import { maskEmailForLog } from './mask';
import type { EmailRequest, EmailResult, EmailSender } from './types';

/** The SMTP connector's config as Logto stores it, the password filled in from the environment. */
export type SmtpConnectorConfig = Omit<NonNullable<LogtoConfig['emailConnector']>, 'auth'> & {
  auth: { user: string; pass: string };
};

const FAILURE: Record<Locale, string> = {
  en: "We couldn't send the email with your code. Check the address, or try again in a minute.",
  ja: 'コードのメールを送信できませんでした。アドレスを確認するか、1分ほどしてからもう一度お試しください。',
};

/**
 * Sends each code through Logto's own SMTP connector (`@logto/connector-smtp`, nodemailer inside),
 * with the connector config logto.config.json describes: the same templates, sender and server a
 * real tenant uses. A failed send is one log line (the address masked) and a message that does
 * not leak the server's answer.
 * @see https://docs.logto.io/integrations/smtp
 */
export class SmtpSender implements EmailSender {
  readonly via = 'smtp' as const;
  #connector: ReturnType<typeof import('@logto/connector-smtp').default>;

  constructor(
    private readonly config: SmtpConnectorConfig,
    private readonly log: (line: string) => void,
  ) {
    // ESM only, like the rest of Logto's packages: loaded with import().
    this.#connector = import('@logto/connector-smtp').then(({ default: create }) =>
      create({ getConfig: async () => config }),
    );
  }

  async send(request: EmailRequest): Promise<EmailResult> {
    try {
      const connector = await this.#connector;
      await connector.sendMessage(
        { to: request.to, type: request.usageType, payload: { code: request.code } },
        this.config,
      );
      this.log(`[email] ${maskEmailForLog(request.to)} ← code sent by SMTP (${request.usageType})`);
      return { ok: true };
    } catch (error) {
      this.log(
        `logto-local: email to ${maskEmailForLog(request.to)} through ${this.config.host}:${this.config.port} failed: ${(error as Error).message}`,
      );
      return { ok: false, message: FAILURE[request.locale] };
    }
  }
}
