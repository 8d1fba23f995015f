import { createClient } from 'redis';
import { inProcessAuthStore, type AuthStore } from '../core/auth-store';

/** How long one Redis command may take before the read goes on without it. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/** At most this many writes made during an outage are kept to be sent once Redis is back. */
const MAX_WRITES_TO_REPLAY = 10_000;

interface RedisAuthStoreOptions {
  /** e.g. `redis://localhost:6379` or `rediss://user:password@redis.example.com:6380`. */
  url: string;
  /** Put before every key, so several apps can share one Redis. */
  keyPrefix?: string;
}

// why globalThis: every route bundle has its own client, and an outage is one event for the
// whole process: one line when Redis stops answering, one when it is back. Plain data only.
const HEALTH = Symbol.for('lib.auth.redis.health');

function health(): { down: boolean } {
  const holder = globalThis as typeof globalThis & { [HEALTH]?: { down: boolean } };
  holder[HEALTH] ??= { down: false };
  return holder[HEALTH];
}

/** The URL without its password, for log lines. */
function describeUrl(url: URL): string {
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return shown.href;
}

// Stryker disable next-line MethodExpression: unref only lets a process exit during the wait.
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

function parseRedisUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || !['redis:', 'rediss:'].includes(parsed.protocol)) {
    throw new Error(
      `REDIS_URL must be a URL like redis://localhost:6379 (got ${JSON.stringify(url)}). Leave it unset to keep sign-outs and refreshes in this process.`,
    );
  }
  return parsed;
}

/**
 * A store (see ../core/auth-store.ts) that every instance of the app shares through Redis, with
 * the official `redis` client: keys expire on their own (`SET … PX`). Without it, a sign-out is
 * refused only by the instance that served it, and a refresh is remembered only there.
 *
 * Redis is an aid, never a gate: every value is also kept in this process, commands give up
 * after {@link REDIS_COMMAND_TIMEOUT_MS} and are not queued while Redis is unreachable, so reads
 * keep working during an outage, on what this process knows. One line says when Redis stops
 * answering and one when it is back; writes made meanwhile are then sent.
 * The client connects on first use, not when the module loads (`next build` loads it).
 * @see https://github.com/redis/node-redis
 * @see ../../../README.md#running-several-instances
 */
export function redisAuthStore({
  url,
  keyPrefix = 'lib-auth:',
}: RedisAuthStoreOptions): AuthStore & { disconnect(): Promise<void> } {
  const where = describeUrl(parseRedisUrl(url));
  const local = inProcessAuthStore();
  const toReplay = new Map<string, { value: string; expiresAt: number }>();
  // Stryker disable all: the client's tuning (how soon a command gives up, how often it
  // reconnects); the tests check the outcome (reads go on, one line, writes sent when back).
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS, rejectInFlight: true },
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000),
    },
  });
  // Stryker restore all
  /** Settles when the first connection attempt answers: ready, or an error (Redis is down). */
  let firstAnswer: Promise<unknown> | undefined;
  let answered = false;

  let closed = false;
  const wentDown = (error: unknown) => {
    if (closed || health().down) return;
    health().down = true;
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    console.warn(
      `[auth] Redis at ${where} does not answer (${reason}): sign-outs and refreshes are kept in this process only until it is back.`,
    );
  };
  client.on('error', wentDown);
  client.on('ready', () => {
    const wasDown = health().down;
    health().down = false;
    void replay().then((sent) => {
      if (wasDown)
        console.info(
          `[auth] Redis at ${where} answers again; ${sent} writes made meanwhile were sent.`,
        );
    });
  });

  /**
   * Whether Redis can take a command now. The first use connects, and waits for the first answer
   * a little: a fresh instance must see the sign-outs the others recorded from its first request
   * on. Once Redis answered (or refused), nothing waits: a Redis that is down costs no time.
   */
  const isReady = async () => {
    if (!firstAnswer) {
      firstAnswer = new Promise((settle) => {
        client.once('ready', settle);
        client.once('error', settle);
      }).then(() => (answered = true));
      client.connect().catch(wentDown);
    }
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: once answered, the race ends at once anyway; the flag saves a timer.
    if (!answered) await Promise.race([firstAnswer, delay(REDIS_COMMAND_TIMEOUT_MS)]);
    return client.isReady;
  };

  async function sendSet(key: string, value: string, ttlMs: number) {
    await client.set(`${keyPrefix}${key}`, value, { expiration: { type: 'PX', value: ttlMs } });
  }

  async function replay(): Promise<number> {
    const now = Date.now();
    let sent = 0;
    // Array.from: a team's tsconfig may compile for ES5, where a Map cannot be iterated.
    for (const [key, { value, expiresAt }] of Array.from(toReplay)) {
      toReplay.delete(key);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: Redis refuses an expired lifetime too; skipping it saves the request.
      if (expiresAt <= now) continue;
      try {
        await sendSet(key, value, expiresAt - now);
        sent += 1;
      } catch (error) {
        toReplay.set(key, { value, expiresAt });
        wentDown(error);
        break;
      }
    }
    return sent;
  }

  function keepToReplay(key: string, value: string, ttlMs: number) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on memory in a long outage, 10,000 writes away.
    if (toReplay.size >= MAX_WRITES_TO_REPLAY) return;
    toReplay.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  return {
    /** Closes the connection (tests, or a server shutting down); reads go on in this process. */
    async disconnect() {
      closed = true;
      if (client.isOpen) client.destroy();
    },
    async set(key, value, ttlMs) {
      await local.set(key, value, ttlMs);
      // Stryker disable next-line ConditionalExpression,BlockStatement: a command on a client that is not ready fails into the same replay below; this skips the attempt.
      if (!(await isReady())) {
        keepToReplay(key, value, ttlMs);
        return;
      }
      try {
        await sendSet(key, value, ttlMs);
      } catch (error) {
        keepToReplay(key, value, ttlMs);
        wentDown(error);
      }
    },
    async get(key) {
      const here = await local.get(key);
      if (here !== undefined || !(await isReady())) return here;
      try {
        return (await client.get(`${keyPrefix}${key}`)) ?? undefined;
      } catch (error) {
        wentDown(error);
        return undefined;
      }
    },
  };
}
