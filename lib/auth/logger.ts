import type { LoggerInstance } from 'next-auth';

/** At most one line per kind of noise per minute; the next line says how many were left out. */
const QUIET_PERIOD_MS = 60_000;

/**
 * next-auth reports a session cookie it cannot decrypt or verify (a junk, truncated or foreign
 * cookie: anyone can send one) as `JWT_SESSION_ERROR`, and its default logger prints the whole
 * stack for each. The visitor is simply signed out, so this logger turns that into one line
 * without a stack, at most once a minute. Every other code keeps next-auth's own format.
 * @see https://next-auth.js.org/configuration/options#logger
 * @see https://next-auth.js.org/errors#jwt_session_error
 */
export function createAuthLogger(
  options: { now?: () => number; write?: (line: string) => void } = {},
): Pick<LoggerInstance, 'error'> {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((line: string) => console.error(line));
  let lastLineAt = -Infinity;
  let leftOut = 0;

  return {
    error(code, metadata) {
      if (code !== 'JWT_SESSION_ERROR') {
        logLikeNextAuth(code, metadata);
        return;
      }
      const at = now();
      if (at - lastLineAt < QUIET_PERIOD_MS) {
        leftOut += 1;
        return;
      }
      const more = leftOut > 0 ? `; ${leftOut} more in the minute before` : '';
      lastLineAt = at;
      leftOut = 0;
      write(
        `[auth] Ignored a session cookie that could not be read (${describe(metadata)}): the visitor is signed out${more}.`,
      );
    },
  };
}

/** The error's name and first line of message, bounded, with no stack. */
function describe(metadata: unknown): string {
  const error = metadata as { name?: unknown; message?: unknown } | undefined;
  const name = typeof error?.name === 'string' ? error.name : 'Error';
  const message = typeof error?.message === 'string' ? error.message.split('\n')[0]! : '';
  return `${name}${message ? `: ${message}` : ''}`.slice(0, 160);
}

/** next-auth's default `error` output, for every code this logger does not quieten. */
function logLikeNextAuth(code: string, metadata: unknown) {
  const error = metadata as { message?: unknown } | undefined;
  console.error(
    `[next-auth][error][${code}]`,
    `\nhttps://next-auth.js.org/errors#${code.toLowerCase()}`,
    error?.message,
    metadata,
  );
}

/** The logger `authOptions` uses. */
export const authLogger = createAuthLogger();
