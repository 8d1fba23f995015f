import type { IssuerMetadata } from 'openid-client';
import { discoverIssuerMetadata } from '../core/logto-issuer';
import { logtoWellKnownUrl } from '../provider/well-known';

/**
 * How long a discovery document is trusted before it is fetched again. Logto's endpoints do not
 * move; the TTL only bounds how long a changed document could go unseen.
 */
export const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/** The endpoints next-auth needs to build its Issuer without a network call. */
interface LogtoEndpoints {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** A discovery document as plain JSON, with when it was fetched. */
interface SharedDocument {
  metadata: IssuerMetadata;
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
const SHARED = Symbol.for('lib.auth.speed.logtoDiscoveryDocuments');

function sharedDocuments(): SharedDocuments {
  const holder = globalThis as typeof globalThis & { [SHARED]?: SharedDocuments };
  holder[SHARED] ??= { documents: new Map(), inFlight: new Map() };
  return holder[SHARED];
}

/**
 * The endpoints of the last document any bundle fetched for `wellKnown`, even past its TTL, or
 * `undefined` before the first successful fetch. Synchronous, for next-auth's provider fields.
 */
export function peekLogtoEndpoints(wellKnown: string): LogtoEndpoints | undefined {
  return sharedDocuments().documents.get(wellKnown)?.endpoints;
}

/**
 * Logto's discovery document for one well-known URL, fetched once per process for every bundle,
 * as the core's Issuer takes it (`loadIssuerMetadata`):
 * - A failed fetch is never cached: the next call tries again.
 * - Concurrent callers, in any bundle, share one in-flight fetch.
 * - After the TTL the document is fetched again; when that fails, the last good one keeps serving.
 * - An unchanged document keeps its identity.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export async function sharedIssuerMetadata(
  wellKnown: string,
  now: () => number = Date.now,
): Promise<IssuerMetadata> {
  const shared = sharedDocuments();
  const cached = shared.documents.get(wellKnown);
  if (cached && now() - cached.fetchedAt < DISCOVERY_TTL_MS) return cached.metadata;
  let flight = shared.inFlight.get(wellKnown);
  if (!flight) {
    flight = fetchDocument(wellKnown, cached, now).finally(() => shared.inFlight.delete(wellKnown));
    shared.inFlight.set(wellKnown, flight);
  }
  return (await flight).metadata;
}

async function fetchDocument(
  wellKnown: string,
  previous: SharedDocument | undefined,
  now: () => number,
): Promise<SharedDocument> {
  let metadata: IssuerMetadata;
  try {
    metadata = await discoverIssuerMetadata(wellKnown);
  } catch (error) {
    if (!previous) throw error;
    console.warn(
      `[auth] Refreshing Logto discovery failed (${describe(error)}); using the last good document.`,
    );
    return previous;
  }
  if (previous && stableJson(previous.metadata) === stableJson(metadata)) {
    previous.fetchedAt = now();
    return previous;
  }
  const document = { metadata, endpoints: endpointsOf(metadata), fetchedAt: now() };
  sharedDocuments().documents.set(wellKnown, document);
  return document;
}

function endpointsOf(metadata: IssuerMetadata): LogtoEndpoints {
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

/**
 * Fetches the discovery document when the server starts (instrumentation.ts), so the first
 * sign-in after a deploy or restart does not wait for it. Never throws: with Logto down the app
 * still serves and sign-in retries.
 */
export async function warmLogtoDiscovery(issuer: string): Promise<boolean> {
  const wellKnown = logtoWellKnownUrl(issuer);
  try {
    await sharedIssuerMetadata(wellKnown);
    return true;
  } catch (error) {
    console.warn(
      `[auth] Could not reach Logto at ${wellKnown} (${describe(error)}). ` +
        'The app keeps serving; sign-in will try again.',
    );
    return false;
  }
}

/** Forgets every document, as a fresh process would have none; for tests. */
export function forgetLogtoDiscovery(): void {
  const shared = sharedDocuments();
  shared.documents.clear();
  shared.inFlight.clear();
}
