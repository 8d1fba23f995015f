import type { LoggerInstance } from 'next-auth';

/** At most one line per kind of report per minute; the next line says how many were left out. */
const QUIET_PERIOD_MS = 60_000;
/** The warnings next-auth itself emits; any other code came from a POST to /api/auth/_log. */
const NEXT_AUTH_WARNINGS = new Set([
  'NEXTAUTH_URL',
  'NO_SECRET',
  'DEBUG_ENABLED',
  'EXPERIMENTAL_API',
]);

/**
 * next-auth's `logger`, bounded so that nobody can fill the server log from outside:
 * - A session cookie it cannot decrypt or verify (junk, truncated, foreign: anyone can send one)
 *   is `JWT_SESSION_ERROR`, which the default logger prints with a whole stack each time. The
 *   visitor is simply signed out: here it is one line without a stack.
 * - With a `logger` set, next-auth also accepts `POST /api/auth/_log` from any client and logs
 *   whatever code and message it carries. Such a report holds only strings (a server-side error
 *   carries an Error): it becomes one line, newlines removed, all of them sharing one budget.
 * - Every other error keeps next-auth's own report, stack included.
 * Each kind is printed at most once a minute, with the count of what was left out.
 * @see https://next-auth.js.org/configuration/options#logger
 * @see https://next-auth.js.org/errors#jwt_session_error
 */
export function createAuthLogger(
  options: { now?: () => number; write?: (...parts: unknown[]) => void } = {},
): Pick<LoggerInstance, 'error' | 'warn'> {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((...parts: unknown[]) => console.error(...parts));
  const lastPrinted = new Map<string, { at: number; leftOut: number }>();

  const throttled = (kind: string, print: (more: string) => void) => {
    const at = now();
    const last = lastPrinted.get(kind);
    if (last && at - last.at < QUIET_PERIOD_MS) {
      last.leftOut += 1;
      return;
    }
    print(last?.leftOut ? `; ${last.leftOut} more in the minute before` : '');
    lastPrinted.set(kind, { at, leftOut: 0 });
  };

  return {
    error(code, metadata) {
      if (code === 'JWT_SESSION_ERROR') {
        throttled(code, (more) =>
          write(
            `[auth] Ignored a session cookie that could not be read (${describe(metadata)}): the visitor is signed out${more}.`,
          ),
        );
        return;
      }
      const error = serverError(metadata);
      if (!error) {
        throttled('reported', (more) =>
          write(
            `[auth] A client reported ${oneLine(code, 40)}: ${oneLine((metadata as { message?: unknown } | undefined)?.message, 160)}${more}.`,
          ),
        );
        return;
      }
      throttled(`error:${code}`, (more) =>
        write(
          `[next-auth][error][${code}]`,
          `\nhttps://next-auth.js.org/errors#${code.toLowerCase()}`,
          error.message,
          metadata,
          ...(more ? [`(${more.slice(2)})`] : []),
        ),
      );
    },
    warn(code) {
      if (NEXT_AUTH_WARNINGS.has(code)) {
        throttled(`warn:${code}`, () =>
          console.warn(
            `[next-auth][warn][${code}]`,
            `\nhttps://next-auth.js.org/warnings#${code.toLowerCase()}`,
          ),
        );
        return;
      }
      throttled('reported', (more) =>
        write(`[auth] A client reported the warning ${oneLine(code, 40)}${more}.`),
      );
    },
  };
}

/** The Error behind a server-side report (itself, or its `error`); undefined for plain strings. */
function serverError(metadata: unknown): Error | undefined {
  if (metadata instanceof Error) return metadata;
  const inner = (metadata as { error?: unknown } | undefined)?.error;
  return inner instanceof Error ? inner : undefined;
}

/** The error's name and first line of message, bounded, with no stack. */
function describe(metadata: unknown): string {
  const error = metadata as { name?: unknown; message?: unknown } | undefined;
  const name = typeof error?.name === 'string' ? error.name : 'Error';
  const message = typeof error?.message === 'string' ? error.message.split('\n')[0]! : '';
  return `${name}${message ? `: ${message}` : ''}`.slice(0, 160);
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** Text from outside, made safe for one log line: control characters gone, length bounded. */
function oneLine(text: unknown, max: number): string {
  return String(text ?? '')
    .replace(CONTROL_CHARACTERS, ' ')
    .slice(0, max);
}

/** The logger `authOptions` uses. */
export const authLogger = createAuthLogger();
