/**
 * What a log line made from outside input needs, whichever next-auth writes it: a budget per kind
 * of report, and text made safe for one line. Used by ./logger.ts (next-auth v4) and by the
 * Auth.js v5 logger of README's "Moving to Auth.js v5".
 */

/** At most one line per kind of report per minute; the next line says how many were left out. */
const QUIET_PERIOD_MS = 60_000;

/**
 * `(kind, print)`: calls `print` unless a line of `kind` was printed in the last minute, with
 * `more` saying how many were left out since (`; 3 more in the minute before`, or empty).
 */
export function logThrottle(now: () => number = Date.now) {
  const lastPrinted = new Map<string, { at: number; leftOut: number }>();
  return (kind: string, print: (more: string) => void): void => {
    const at = now();
    const last = lastPrinted.get(kind);
    if (last && at - last.at < QUIET_PERIOD_MS) {
      last.leftOut += 1;
      return;
    }
    print(last?.leftOut ? `; ${last.leftOut} more in the minute before` : '');
    lastPrinted.set(kind, { at, leftOut: 0 });
  };
}

/** The error's name and first line of message, bounded, with no stack. */
export function errorSummary(error: unknown): string {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  const named = typeof name === 'string' ? name : 'Error';
  const firstLine = typeof message === 'string' ? message.split('\n')[0]! : '';
  return `${named}${firstLine ? `: ${firstLine}` : ''}`.slice(0, 160);
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** Text from outside, made safe for one log line: control characters gone, length bounded. */
export function oneLine(text: unknown, max: number): string {
  return String(text ?? '')
    .replace(CONTROL_CHARACTERS, ' ')
    .slice(0, max);
}
