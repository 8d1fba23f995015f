import { errorSummary, logThrottle } from '@/lib/auth/core/log-lines';

/**
 * The part of v5's `LoggerInstance` set here (its `debug` stays off unless `debug: true`); a type,
 * not an interface, so it fits v5's `Record<string, Function>` shape.
 */
type Logger = {
  error(error: Error): void;
  warn(code: string): void;
};

/**
 * Auth.js v5's `logger`, bounded as lib/auth/core/logger.ts bounds v4's, so nobody can fill the
 * server log from outside: a session cookie v5 cannot read (junk, tampered, another app's:
 * anyone can send one) is `JWTSessionError`, which v5's own logger prints with a whole stack each
 * time; here it is one line without a stack. Every other error keeps v5's report, cause and stack
 * included. Each kind is printed at most once a minute, with the count of what was left out.
 * @see https://authjs.dev/reference/core/errors#jwtsessionerror
 * @see https://authjs.dev/reference/nextjs#logger
 */
export function createAuthjsLogger(
  options: { now?: () => number; write?: (...parts: unknown[]) => void } = {},
): Logger {
  const write = options.write ?? ((...parts: unknown[]) => console.error(...parts));
  const throttled = logThrottle(options.now);
  return {
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      // v5 hands the reason over as `cause.err`, e.g. "no matching decryption secret".
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      if (type === 'JWTSessionError') {
        throttled(type, (more) =>
          write(
            `[auth] Ignored a session cookie that could not be read (${errorSummary(cause ?? error)}): the visitor is signed out${more}.`,
          ),
        );
        return;
      }
      throttled(`error:${type}`, (more) =>
        write(
          `[auth][error] ${type}: ${error.message}`,
          ...(cause instanceof Error ? [cause.stack] : [error.stack]),
          ...(more ? [`(${more.slice(2)})`] : []),
        ),
      );
    },
    warn(code) {
      throttled(`warn:${code}`, () =>
        console.warn(`[auth][warn][${code}]`, 'Read more: https://warnings.authjs.dev'),
      );
    },
  };
}

/** The logger ./config.ts uses. */
export const authjsLogger = createAuthjsLogger();
