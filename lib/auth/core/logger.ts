import type { LoggerInstance } from 'next-auth';
import { errorSummary, logThrottle, oneLine } from './log-lines';
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
  const write = options.write ?? ((...parts: unknown[]) => console.error(...parts));
  const throttled = logThrottle(options.now);

  return {
    error(code, metadata) {
      if (code === 'JWT_SESSION_ERROR') {
        throttled(code, (more) =>
          write(
            `[auth] Ignored a session cookie that could not be read (${errorSummary(metadata)}): the visitor is signed out${more}.`,
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

/** The logger `authOptions` uses. */
export const authLogger = createAuthLogger();
