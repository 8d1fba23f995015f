import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { custom, Issuer, type BaseClient, type HttpOptions } from 'openid-client';

/**
 * How long a discovery document is trusted before it is fetched again. Logto's endpoints do not
 * move; the TTL only bounds how long a changed document could go unseen. Key rotation does not
 * wait for it: an ID token with an unknown `kid` makes openid-client reload the JWKS.
 */
export const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/**
 * Time allowed for Logto to start answering one request. openid-client's 3.5 s default is tight
 * for a far region on a cold connection (DNS + TCP + TLS is 3–4 round trips of ~250 ms before the
 * token endpoint even starts work); much more than 5 s leaves a person staring at a blank
 * callback page when Logto is really down, where the error page would serve them better.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#customizing-http-requests
 */
export const LOGTO_HTTP_TIMEOUT_MS = 5000;

/**
 * Keep-alive agents so the token request reuses the connection discovery and the JWKS opened,
 * skipping TCP and TLS set-up (two to three round trips to a far region). Node 24's global agent
 * keeps alive too; these make it explicit and independent of what else changes the global one.
 */
const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

/** openid-client's per-instance HTTP hook: our timeout and keep-alive agent for every Logto call. */
export function logtoHttpOptions(url: URL, options: HttpOptions): HttpOptions {
  const agent = agents[url.protocol as keyof typeof agents];
  return { ...options, timeout: LOGTO_HTTP_TIMEOUT_MS, ...(agent ? { agent } : {}) };
}

/** Applies {@link logtoHttpOptions} to an Issuer (discovery, JWKS) or a Client (token, refresh, …). */
export function withLogtoHttpOptions<T extends Issuer<BaseClient> | BaseClient>(target: T): T {
  target[custom.http_options] = logtoHttpOptions;
  return target;
}

/** Issuer whose static HTTP hook applies to the discovery request itself. */
class LogtoIssuer extends Issuer<BaseClient> {
  static [custom.http_options] = logtoHttpOptions;
}

/** The endpoints next-auth needs to build its Issuer without a network call. */
export interface LogtoEndpoints {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string | undefined;
  jwks_uri: string;
}

interface CachedIssuer {
  issuer: Issuer<BaseClient>;
  endpoints: LogtoEndpoints;
  fetchedAt: number;
  /** Stable serialisation of the document, to tell a changed document from the same one. */
  fingerprint: string;
}

export interface LogtoDiscoveryOptions {
  ttlMs?: number;
  /** Milliseconds since the epoch; read on every call. */
  now?: () => number;
}

/**
 * Logto's discovery document for one well-known URL, fetched once and kept as one openid-client
 * `Issuer`. Keeping the Issuer is what keeps the keys: openid-client caches the JWKS per Issuer
 * instance, and reloads it when a token names an unknown `kid`, at most once a minute.
 *
 * - A failed fetch is never cached: the next call tries again.
 * - Concurrent callers share one in-flight fetch.
 * - After the TTL the document is fetched again; when it has not changed, the same Issuer (and
 *   its keys) stays. When the refetch fails, the last good document keeps serving.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export class LogtoDiscovery {
  private cached: CachedIssuer | undefined;
  private inFlight: Promise<Issuer<BaseClient>> | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    readonly wellKnown: string,
    options: LogtoDiscoveryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DISCOVERY_TTL_MS;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * The endpoints of the last document fetched, even past its TTL, or `undefined` before the
   * first successful fetch. Synchronous, for next-auth's provider fields.
   */
  peekEndpoints(): LogtoEndpoints | undefined {
    return this.cached?.endpoints;
  }

  /** The Issuer, fetching the document when there is none yet or it is past its TTL. */
  async getIssuer(): Promise<Issuer<BaseClient>> {
    const cached = this.cached;
    if (cached && this.now() - cached.fetchedAt < this.ttlMs) return cached.issuer;
    this.inFlight ??= this.fetchDocument().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Fetches the document and the keys, e.g. when the server starts. Never throws. */
  async warm(): Promise<boolean> {
    try {
      // reloadJwksUri exists on openid-client 5's Issuer but is missing from its types.
      const issuer = (await this.getIssuer()) as Issuer<BaseClient> & {
        reloadJwksUri(): Promise<void>;
      };
      await issuer.reloadJwksUri();
      return true;
    } catch (error) {
      console.warn(
        `[auth] Could not reach Logto at ${this.wellKnown} (${describe(error)}). ` +
          'The app keeps serving; sign-in will try again.',
      );
      return false;
    }
  }

  /** Drops the document and its keys, as a fresh process would have none. */
  forget(): void {
    this.cached = undefined;
    this.inFlight = undefined;
  }

  private async fetchDocument(): Promise<Issuer<BaseClient>> {
    const previous = this.cached;
    let fresh: Issuer<BaseClient>;
    try {
      fresh = await LogtoIssuer.discover(this.wellKnown);
    } catch (error) {
      if (!previous) throw error;
      console.warn(
        `[auth] Refreshing Logto discovery failed (${describe(error)}); using the last good document.`,
      );
      return previous.issuer;
    }
    const fingerprint = stableJson(fresh.metadata);
    const issuer = previous?.fingerprint === fingerprint ? previous.issuer : fresh;
    withLogtoHttpOptions(issuer);
    this.cached = { issuer, endpoints: endpointsOf(issuer), fetchedAt: this.now(), fingerprint };
    return issuer;
  }
}

function endpointsOf(issuer: Issuer<BaseClient>): LogtoEndpoints {
  const { metadata } = issuer;
  if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
    throw new Error(
      `Logto's discovery document for ${metadata.issuer} lacks authorization_endpoint, ` +
        'token_endpoint or jwks_uri. Check AUTH_LOGTO_ISSUER points at the /oidc issuer.',
    );
  }
  return {
    issuer: metadata.issuer,
    authorization_endpoint: metadata.authorization_endpoint,
    token_endpoint: metadata.token_endpoint,
    userinfo_endpoint: metadata.userinfo_endpoint,
    jwks_uri: metadata.jwks_uri,
  };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The discovery URL Logto serves under an issuer. */
export function wellKnownUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

// One cache per process. It lives on globalThis because Next bundles each route (and
// instrumentation) separately, and a module-level Map would exist once per bundle.
const REGISTRY = Symbol.for('bookstore.auth.logtoDiscovery');
type Registry = Map<string, LogtoDiscovery>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** The process-wide discovery cache for this well-known URL. */
export function logtoDiscovery(wellKnown: string): LogtoDiscovery {
  const caches = registry();
  let discovery = caches.get(wellKnown);
  if (!discovery) {
    discovery = new LogtoDiscovery(wellKnown);
    caches.set(wellKnown, discovery);
  }
  return discovery;
}

/** Forgets every cached document and key, as a fresh process would; for tests. */
export function forgetLogtoDiscovery(): void {
  for (const discovery of registry().values()) discovery.forget();
}
