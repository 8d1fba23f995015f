import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  custom,
  Issuer,
  type BaseClient,
  type ClientMetadata,
  type HttpOptions,
  type IssuerMetadata,
  type TypeOfGenericClient,
} from 'openid-client';
import { KeyReloadGate, withKeyReload } from './key-reload';
import { LOGTO_HTTP_TIMEOUT_MS } from './logto';

/**
 * How long a discovery document is trusted before it is fetched again. Logto's endpoints do not
 * move; the TTL only bounds how long a changed document could go unseen.
 */
export const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/**
 * How long one Issuer, and the keys openid-client caches on it, serves before a new one is made
 * from the document. It bounds how long a key Logto removed from its JWKS is still accepted; a
 * key Logto adds is picked up at once (see ./key-reload.ts).
 */
export const KEYS_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * Keep-alive agents so the token request reuses the connection discovery and the JWKS opened,
 * skipping TCP and TLS set-up (two to three round trips to a far region).
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

/** Issuer whose static HTTP hook applies to the discovery request itself. */
class LogtoIssuer extends Issuer<BaseClient> {
  static [custom.http_options] = logtoHttpOptions;
}

/** The endpoints next-auth needs to build its Issuer without a network call. */
export interface LogtoEndpoints {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** A discovery document as plain JSON, with when it was fetched. */
interface SharedDocument {
  metadata: Record<string, unknown>;
  endpoints: LogtoEndpoints;
  fetchedAt: number;
}

/** Plain data only; see {@link sharedDocuments}. */
interface SharedDocuments {
  documents: Map<string, SharedDocument>;
  inFlight: Map<string, Promise<SharedDocument>>;
}

// why globalThis: Next bundles each route (and instrumentation.ts) apart, and each bundle may
// carry its own copy of openid-client. Only plain JSON and promises of it are shared here, so no
// bundle ever meets another copy's classes (a TokenSet or Client from another copy fails
// openid-client's instanceof checks). Each bundle builds its own Issuer from this document.
// Stryker disable next-line StringLiteral: any key every copy of the module shares works; the text only names it.
const SHARED = Symbol.for('bookstore.auth.logtoDiscoveryDocuments');

function sharedDocuments(): SharedDocuments {
  const holder = globalThis as typeof globalThis & { [SHARED]?: SharedDocuments };
  holder[SHARED] ??= { documents: new Map(), inFlight: new Map() };
  return holder[SHARED];
}

/** This bundle's Issuer for one document, with the gate that reloads its keys. */
interface BundleIssuer {
  document: SharedDocument;
  issuer: Issuer<BaseClient>;
  Client: TypeOfGenericClient<BaseClient>;
  createdAt: number;
}

export interface LogtoDiscoveryOptions {
  ttlMs?: number;
  keysMaxAgeMs?: number;
  /** Milliseconds since the epoch; read on every call. */
  now?: () => number;
}

/**
 * Logto's discovery document for one well-known URL, fetched once per process, and this
 * bundle's openid-client Issuer built from it. openid-client caches the JWKS on the Issuer, so
 * keeping the Issuer keeps the keys; it is replaced every {@link KEYS_MAX_AGE_MS}.
 *
 * - A failed fetch is never cached: the next call tries again.
 * - Concurrent callers, in any bundle, share one in-flight fetch.
 * - After the TTL the document is fetched again; when that fails, the last good one keeps serving.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export class LogtoDiscovery {
  private current: BundleIssuer | undefined;
  private readonly ttlMs: number;
  private readonly keysMaxAgeMs: number;
  private readonly now: () => number;

  constructor(
    readonly wellKnown: string,
    options: LogtoDiscoveryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DISCOVERY_TTL_MS;
    this.keysMaxAgeMs = options.keysMaxAgeMs ?? KEYS_MAX_AGE_MS;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * The endpoints of the last document any bundle fetched, even past its TTL, or `undefined`
   * before the first successful fetch. Synchronous, for next-auth's provider fields.
   */
  peekEndpoints(): LogtoEndpoints | undefined {
    return sharedDocuments().documents.get(this.wellKnown)?.endpoints;
  }

  /** This bundle's Issuer, fetching the document when there is none yet or it is past its TTL. */
  async getIssuer(): Promise<Issuer<BaseClient>> {
    return (await this.bundleIssuer()).issuer;
  }

  /**
   * A client of this bundle's Issuer with our HTTP options, whose ID token checks reload the
   * JWKS (bounded) for a key they do not know yet.
   */
  async createClient(metadata: ClientMetadata): Promise<BaseClient> {
    const { Client } = await this.bundleIssuer();
    const client = new Client(metadata);
    client[custom.http_options] = logtoHttpOptions;
    return client;
  }

  /** Fetches the document when the server starts. Never throws. */
  async warm(): Promise<boolean> {
    try {
      await this.document();
      return true;
    } catch (error) {
      console.warn(
        `[auth] Could not reach Logto at ${this.wellKnown} (${describe(error)}). ` +
          'The app keeps serving; sign-in will try again.',
      );
      return false;
    }
  }

  private async bundleIssuer(): Promise<BundleIssuer> {
    const document = await this.document();
    const current = this.current;
    if (current?.document === document && this.now() - current.createdAt < this.keysMaxAgeMs) {
      return current;
    }
    const issuer = new LogtoIssuer(structuredClone(document.metadata) as IssuerMetadata);
    issuer[custom.http_options] = logtoHttpOptions;
    const gate = new KeyReloadGate(issuer, this.now);
    const fresh = {
      document,
      issuer,
      Client: withKeyReload(issuer.Client, gate),
      createdAt: this.now(),
    };
    this.current = fresh;
    return fresh;
  }

  /** The shared document, fetched when there is none or it is past its TTL. */
  private async document(): Promise<SharedDocument> {
    const shared = sharedDocuments();
    const cached = shared.documents.get(this.wellKnown);
    if (cached && this.now() - cached.fetchedAt < this.ttlMs) return cached;
    let flight = shared.inFlight.get(this.wellKnown);
    if (!flight) {
      flight = this.fetchDocument(cached).finally(() => shared.inFlight.delete(this.wellKnown));
      shared.inFlight.set(this.wellKnown, flight);
    }
    return flight;
  }

  private async fetchDocument(previous: SharedDocument | undefined): Promise<SharedDocument> {
    let metadata: Record<string, unknown>;
    try {
      metadata = (await LogtoIssuer.discover(this.wellKnown)).metadata;
    } catch (error) {
      if (!previous) throw error;
      console.warn(
        `[auth] Refreshing Logto discovery failed (${describe(error)}); using the last good document.`,
      );
      return previous;
    }
    // An unchanged document keeps its identity, so every bundle keeps its Issuer and keys.
    if (previous && stableJson(previous.metadata) === stableJson(metadata)) {
      previous.fetchedAt = this.now();
      return previous;
    }
    const document = { metadata, endpoints: endpointsOf(metadata), fetchedAt: this.now() };
    sharedDocuments().documents.set(this.wellKnown, document);
    return document;
  }
}

function endpointsOf(metadata: Record<string, unknown>): LogtoEndpoints {
  const text = (key: string) => (typeof metadata[key] === 'string' ? metadata[key] : undefined);
  const issuer = text('issuer');
  const authorization = text('authorization_endpoint');
  const token = text('token_endpoint');
  const jwks = text('jwks_uri');
  if (!issuer || !authorization || !token || !jwks) {
    throw new Error(
      `Logto's discovery document for ${issuer ?? 'this issuer'} lacks authorization_endpoint, ` +
        'token_endpoint or jwks_uri. Check AUTH_LOGTO_ISSUER points at the /oidc issuer.',
    );
  }
  return {
    issuer,
    authorization_endpoint: authorization,
    token_endpoint: token,
    jwks_uri: jwks,
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

// One LogtoDiscovery per well-known URL in this bundle: it holds openid-client objects, which
// must not cross bundles (see SHARED above).
const bundleDiscoveries = new Map<string, LogtoDiscovery>();

/** This bundle's discovery for this well-known URL, over the process-wide document. */
export function logtoDiscovery(wellKnown: string): LogtoDiscovery {
  let discovery = bundleDiscoveries.get(wellKnown);
  if (!discovery) {
    discovery = new LogtoDiscovery(wellKnown);
    bundleDiscoveries.set(wellKnown, discovery);
  }
  return discovery;
}

/** Forgets every document and Issuer, as a fresh process would have none; for tests. */
export function forgetLogtoDiscovery(): void {
  const shared = sharedDocuments();
  shared.documents.clear();
  shared.inFlight.clear();
  bundleDiscoveries.clear();
}
