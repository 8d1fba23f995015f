import { expect } from './fixtures';
import type { StackUrls } from './stacks';

/** One email in logto-local's dev email outbox (`/dev/email.json`). */
export interface EmailOutboxEntry {
  to: string;
  subject: string;
  text: string;
  code: string;
  usageType: string;
  sentAt: string;
}

/**
 * Waits until logto-local's dev email outbox holds an email to `address` sent at or after `since`
 * (epoch ms), and returns the newest: the way a person waits for the email to arrive.
 */
export async function emailFromOutbox(
  stack: StackUrls,
  address: string,
  since: number,
): Promise<EmailOutboxEntry> {
  let found: EmailOutboxEntry | undefined;
  await expect
    .poll(
      async () => {
        const entries = (await (
          await fetch(`${stack.logto}/dev/email.json`)
        ).json()) as EmailOutboxEntry[];
        found = entries.find((entry) => entry.to === address && Date.parse(entry.sentAt) >= since);
        return found !== undefined;
      },
      { message: `an email to ${address} in the dev email outbox` },
    )
    .toBe(true);
  return found!;
}
