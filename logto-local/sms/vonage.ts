import { Auth } from '@vonage/auth';
import { SMS, SMSFailure } from '@vonage/sms';
import { maskPhoneForLog } from '../phone-for-log';
import { renderSmsText, type TemplateSet } from './templates';
import type { SmsRequest, SmsResult, SmsSender } from './types';
import { describeVonageStatus, describeVonageUnreachable } from './vonage-status';

/** How long to wait for Vonage before telling the person to retry. */
export const VONAGE_TIMEOUT_MS = 10_000;

/** The Vonage connector's account and sender, as logto.config.json's `smsConnector` gives them. */
export interface VonageCredentials {
  apiKey: string;
  apiSecret: string;
  /** Vonage's `from`: up to 11 letters and digits, or a number. */
  brandName: string;
}

/** What the Vonage sender needs: the connector's credentials and templates. */
export interface VonageSenderOptions {
  credentials: VonageCredentials;
  templates: TemplateSet;
  /** For tests only: where the SDK POSTs `/sms/json` (default https://rest.nexmo.com). */
  restHost?: string;
  timeoutMs?: number;
  log: (line: string) => void;
}

/** A failed message as the SDK hands it back (keys camel-cased by the SDK). */
type FailedMessage = { status?: string; errorText?: string; 'error-text'?: string };

/**
 * Sends codes through the Vonage SMS API with the official SDK, as Logto's Vonage connector does,
 * but keeps Vonage's status so the person gets a message they can act on.
 * @see https://developer.vonage.com/en/api/sms
 */
export class VonageSender implements SmsSender {
  readonly via = 'vonage' as const;
  readonly #client: SMS;
  readonly #options: VonageSenderOptions;

  constructor(options: VonageSenderOptions) {
    this.#options = options;
    const auth = new Auth({
      apiKey: options.credentials.apiKey,
      apiSecret: options.credentials.apiSecret,
    });
    this.#client = new SMS(auth, {
      ...(options.restHost ? { restHost: options.restHost } : {}),
      timeout: options.timeoutMs ?? VONAGE_TIMEOUT_MS,
    });
  }

  async send(request: SmsRequest): Promise<SmsResult> {
    const text = renderSmsText({ ...request, templates: this.#options.templates });
    // Vonage wants the number without '+', as Logto's connector sends it.
    const to = request.to.replace(/\D/g, '');
    try {
      await this.#client.send({ to, from: this.#options.credentials.brandName, text });
      return { ok: true, via: 'vonage' };
    } catch (error) {
      return this.#describeFailure(error, request);
    }
  }

  #describeFailure(error: unknown, request: SmsRequest): SmsResult {
    const where = `to ${maskPhoneForLog(request.to)} (${request.usageType})`;
    // The SDK throws MessageSendPartialFailure even when the only message failed: catch the base.
    if (error instanceof SMSFailure) {
      const [failed] = error.getFailedMessages() as FailedMessage[];
      const status = failed?.status ?? 'unknown';
      const errorText = failed?.errorText ?? failed?.['error-text'];
      this.#options.log(
        `[sms] Vonage refused the SMS ${where}: status ${status}, error-text ${JSON.stringify(errorText ?? '')}`,
      );
      return {
        ok: false,
        status,
        message: describeVonageStatus(status, errorText, request.locale),
      };
    }
    const kind = classifyTransportError(error);
    const detail = (error as { message?: unknown } | null)?.message ?? String(error);
    this.#options.log(
      `[sms] Vonage could not be used to send the SMS ${where}: ${kind} (${detail})`,
    );
    return { ok: false, message: describeVonageUnreachable(request.locale, kind) };
  }
}

function classifyTransportError(error: unknown): 'network' | 'timeout' | 'http' {
  // Duck-typed: fetch's AbortError is a DOMException, which may come from another realm.
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  if (
    name === 'VetchError' ||
    (typeof error === 'object' && error !== null && 'response' in error)
  ) {
    return 'http';
  }
  return 'network';
}
