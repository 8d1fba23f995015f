import type { OutboxEntry } from './types';

/** How many messages the dev outbox keeps; older ones are dropped so memory stays bounded. */
export const OUTBOX_CAPACITY = 200;

/**
 * The dev outbox: messages that would have gone out by SMS when Vonage is not configured, kept in
 * memory for GET /dev/sms and /dev/sms.json (and for browser tests that read the code from there).
 * The email outbox (/dev/email) is the same, holding emails.
 */
export class Outbox<Entry extends { sentAt: string } = OutboxEntry> {
  readonly #entries: Entry[] = [];
  readonly #capacity: number;
  readonly #now: () => Date;

  constructor(options: { capacity?: number; now?: () => Date } = {}) {
    this.#capacity = options.capacity ?? OUTBOX_CAPACITY;
    this.#now = options.now ?? (() => new Date());
  }

  /** Keeps a message, stamped with the current time, dropping the oldest beyond capacity. */
  record(entry: Omit<Entry, 'sentAt'>): Entry {
    const stored = { ...entry, sentAt: this.#now().toISOString() } as Entry;
    this.#entries.unshift(stored);
    if (this.#entries.length > this.#capacity) this.#entries.length = this.#capacity;
    return { ...stored };
  }

  /** Messages newest first, as copies (callers cannot rewrite history). */
  list(): Entry[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }
}
