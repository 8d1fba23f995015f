/**
 * What the instances of the app must share to be correct together: which sessions signed out,
 * and the refreshes just made (see ./signed-out.ts and ./shared-refresh.ts). Plain strings with
 * a lifetime, so any key-value store with expiring keys can hold them: this process's memory by
 * default, or Redis (`redisAuthStore` in ../redis) when several instances serve one app.
 * @see ../../../README.md#running-several-instances
 */
export interface AuthStore {
  /** Keeps `value` under `key` for `ttlMs` milliseconds, then forgets it on its own. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** The value under `key`, or `undefined` once it expired or was never set. */
  get(key: string): Promise<string | undefined>;
}

/** How many keys one process keeps at most; past that, the oldest go first (and a line says so). */
export const IN_PROCESS_STORE_MAX_KEYS = 100_000;

interface Entry {
  value: string;
  expiresAt: number;
}

interface Memory {
  entries: Map<string, Entry>;
  lastWarnedAt: number;
}

// why globalThis: Next bundles each route apart, and a sign-out in one route must be seen by the
// readers of every other. Only strings and numbers live here.
const MEMORY = Symbol.for('lib.auth.core.authStore');

function memory(): Memory {
  const holder = globalThis as typeof globalThis & { [MEMORY]?: Memory };
  holder[MEMORY] ??= { entries: new Map(), lastWarnedAt: Number.NEGATIVE_INFINITY };
  return holder[MEMORY];
}

/**
 * The store of one process: every route bundle of this process shares it, other processes do
 * not. Bounded to {@link IN_PROCESS_STORE_MAX_KEYS} keys; expired keys are dropped as new ones
 * come.
 */
export function inProcessAuthStore(now: () => number = Date.now): AuthStore {
  return {
    set(key, value, ttlMs) {
      const { entries } = memory();
      const at = now();
      entries.delete(key);
      entries.set(key, { value, expiresAt: at + ttlMs });
      if (entries.size > IN_PROCESS_STORE_MAX_KEYS) dropExpiredOrOldest(at);
      return Promise.resolve();
    },
    get(key) {
      const entry = memory().entries.get(key);
      if (!entry) return Promise.resolve(undefined);
      if (entry.expiresAt <= now()) {
        memory().entries.delete(key);
        return Promise.resolve(undefined);
      }
      return Promise.resolve(entry.value);
    },
  };
}

function dropExpiredOrOldest(at: number) {
  const state = memory();
  state.entries.forEach(({ expiresAt }, key) => {
    if (expiresAt <= at) state.entries.delete(key);
  });
  if (state.entries.size <= IN_PROCESS_STORE_MAX_KEYS) return;
  // Map keys come in insertion order (no for…of: the core compiles for ES5 too).
  state.entries.delete(state.entries.keys().next().value!);
  if (at - state.lastWarnedAt >= 60_000) {
    state.lastWarnedAt = at;
    console.warn(
      `[auth] This process holds ${IN_PROCESS_STORE_MAX_KEYS} signed-out sessions and refreshes; the oldest are forgotten. A shared store (Redis) keeps them: see README, Running several instances.`,
    );
  }
}

/** Forgets every key, as a fresh process would have none; for tests. */
export function forgetInProcessAuthStore(): void {
  memory().entries.clear();
}
