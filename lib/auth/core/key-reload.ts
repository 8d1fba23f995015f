import { decodeProtectedHeader } from 'jose';
import type { BaseClient, Issuer } from 'openid-client';

/**
 * The shortest time between two JWKS reloads this layer asks for. A reload for an unknown `kid`
 * that arrives sooner waits for the interval to end and shares that one fetch, so a provider
 * sending a flood of made-up `kid`s costs at most one JWKS request per interval.
 */
export const KEY_RELOAD_INTERVAL_MS = 5_000;

/**
 * How long a `kid` that a reload did not turn up is refused without asking again. A genuine new
 * key is in the JWKS before Logto signs with it, so the reload that follows its first token finds
 * it; a `kid` still missing after a reload is not going to appear a second later.
 */
export const MISSING_KID_MEMORY_MS = 60_000;

type JwksIssuer = Issuer<BaseClient> & { reloadJwksUri(): Promise<void> };

/**
 * Reloads one Issuer's JWKS for an ID token whose `kid` it does not hold, within bounds: one
 * fetch in flight, at most one per {@link KEY_RELOAD_INTERVAL_MS}, and none for a `kid` a recent
 * reload did not find.
 *
 * openid-client reloads an Issuer's keys for an unknown `kid` by itself, but at most once a minute
 * after any load, so a key Logto starts signing with right after a start (which loaded the keys)
 * would be refused for up to a minute.
 * @see https://github.com/panva/openid-client/blob/v5.x/lib/helpers/issuer.js
 * @see https://docs.logto.io/developers/signing-keys
 */
export class KeyReloadGate {
  private next: Promise<void> | undefined;
  private lastReloadAt = Number.NEGATIVE_INFINITY;
  /** When a reload last failed to turn up each `kid` (`undefined`: a token that names none). */
  private readonly missing = new Map<string | undefined, number>();

  constructor(
    private readonly issuer: Issuer<BaseClient>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Reloads the keys so a token with `kid` can be checked again. Returns false, without a
   * request, when a recent reload already looked for this `kid` and did not find it.
   */
  async reloadFor(kid: string | undefined): Promise<boolean> {
    const missingSince = this.missing.get(kid);
    if (missingSince !== undefined && this.now() - missingSince < MISSING_KID_MEMORY_MS) {
      return false;
    }
    await this.reload();
    return true;
  }

  /** Records that the reload did not turn up `kid`, so it is refused at once for a while. */
  rememberMissing(kid: string | undefined): void {
    const now = this.now();
    this.missing.forEach((since, key) => {
      if (now - since >= MISSING_KID_MEMORY_MS) this.missing.delete(key);
    });
    this.missing.set(kid, now);
  }

  /**
   * Joins the reload that is waiting or in flight, or schedules one for when the interval since
   * the last has passed. Waiting time is measured by a timer, not by re-reading the clock.
   */
  private reload(): Promise<void> {
    this.next ??= this.reloadWhenAllowed().finally(() => {
      this.next = undefined;
    });
    return this.next;
  }

  private async reloadWhenAllowed(): Promise<void> {
    const wait = this.lastReloadAt + KEY_RELOAD_INTERVAL_MS - this.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastReloadAt = this.now();
    await (this.issuer as JwksIssuer).reloadJwksUri();
  }
}

/** openid-client's error for an ID token whose `kid` (and alg) matches no key in the JWKS. */
function isUnknownKeyError(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'RPError' &&
    error.message.startsWith("no valid key found in issuer's jwks_uri")
  );
}

type ClientClass = new (...args: never[]) => BaseClient;
type JwtValidator = { validateJWT(jwt: string, ...rest: unknown[]): Promise<unknown> };

/**
 * A Client class of `issuer` that, when an ID token names a key the cached JWKS lacks, reloads
 * the keys once through `gate` and checks the token again. Every check stays openid-client's:
 * the retry is the same `validateJWT` call (alg, signature, iss, aud, exp, …) on fresh keys.
 *
 * `validateJWT` is the step of openid-client 5 where the key is looked up (`callback()` and
 * `refresh()` both go through it); it is not in the typings, hence the casts. Checked against
 * openid-client 5.7.1: `__tests__/lib/auth/key-reload-bounds.test.ts` signs with a key published after
 * the keys were loaded and fails if a future openid-client stops calling it.
 */
export function withKeyReload<T extends ClientClass>(Client: T, gate: KeyReloadGate): T {
  const Reloading = class extends (Client as unknown as new (...args: unknown[]) => JwtValidator) {
    async validateJWT(jwt: string, ...rest: unknown[]): Promise<unknown> {
      try {
        return await super.validateJWT(jwt, ...rest);
      } catch (error) {
        if (!isUnknownKeyError(error)) throw error;
        // openid-client decoded this header before it looked for the key, so this cannot throw.
        const { kid } = decodeProtectedHeader(jwt);
        if (!(await gate.reloadFor(kid))) throw error;
        try {
          return await super.validateJWT(jwt, ...rest);
        } catch (retryError) {
          if (isUnknownKeyError(retryError)) gate.rememberMissing(kid);
          throw retryError;
        }
      }
    }
  };
  return Reloading as unknown as T;
}
