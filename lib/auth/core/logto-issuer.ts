import {
  custom,
  Issuer,
  type BaseClient,
  type ClientMetadata,
  type HttpOptions,
  type IssuerMetadata,
  type TypeOfGenericClient,
} from 'openid-client';
import { LOGTO_HTTP_TIMEOUT_MS } from '../provider/logto-oidc';
import { KeyReloadGate, withKeyReload } from './key-reload';

/**
 * How long one Issuer, and the keys openid-client caches on it, serves before a new one is made.
 * It bounds how long a key Logto removed from its JWKS is still accepted; a key Logto adds is
 * picked up at once (see ./key-reload.ts).
 */
// Stryker disable next-line ArithmeticOperator: evaluated as the module loads, which per-test coverage cannot place; the ten-minute test in __tests__/lib/auth/logto-issuer.test.ts fails on each
export const KEYS_MAX_AGE_MS = 10 * 60 * 1000;

/** Where an Issuer's metadata comes from: Logto's discovery document for a well-known URL. */
export type LoadIssuerMetadata = (wellKnown: string) => Promise<IssuerMetadata>;

/** openid-client's per-instance HTTP hook: our timeout for every Logto call. */
function logtoHttpOptions(_url: URL, options: HttpOptions): HttpOptions {
  return { ...options, timeout: LOGTO_HTTP_TIMEOUT_MS };
}

/** An Issuer whose static HTTP hook applies to the discovery request itself. */
class TimedIssuer extends Issuer<BaseClient> {
  static [custom.http_options] = logtoHttpOptions;
}

/** Fetches the discovery document from Logto, with our timeout. */
export const discoverIssuerMetadata: LoadIssuerMetadata = async (wellKnown) =>
  (await TimedIssuer.discover(wellKnown)).metadata;

interface BuiltIssuer {
  Client: TypeOfGenericClient<BaseClient>;
  jwksUri: string | undefined;
  createdAt: number;
}

interface LogtoIssuerOptions {
  /** Defaults to a discovery request to Logto; the speed layer passes its shared document. */
  loadMetadata?: LoadIssuerMetadata;
  /** Milliseconds since the epoch; read on every call. */
  now?: () => number;
}

/**
 * This bundle's openid-client Issuer for Logto, for the calls next-auth does not make for us
 * (refresh, revocation, the end-session URL). openid-client caches the JWKS on an Issuer, so
 * keeping the Issuer keeps the keys; it is made anew every {@link KEYS_MAX_AGE_MS}. Its clients
 * reload the keys, within bounds, for an ID token signed by a key they do not know yet: after
 * Logto rotates its keys, a refresh brings such a token, and refusing it would lose the refresh
 * token Logto just rotated.
 *
 * - Concurrent callers share one discovery; a failed one is not kept: the next call tries again,
 *   and meanwhile the previous Issuer, if any, keeps serving.
 * - Everything here is made by this bundle's copy of openid-client: Next bundles each route
 *   apart, and another copy's objects fail openid-client's instanceof checks.
 * @see https://github.com/panva/openid-client/blob/v5.x/docs/README.md#issuer
 */
export class LogtoIssuer {
  private current: BuiltIssuer | undefined;
  private pending: Promise<BuiltIssuer> | undefined;
  private readonly loadMetadata: LoadIssuerMetadata;
  private readonly now: () => number;

  constructor(
    readonly wellKnown: string,
    options: LogtoIssuerOptions = {},
  ) {
    this.loadMetadata = options.loadMetadata ?? discoverIssuerMetadata;
    this.now = options.now ?? (() => Date.now());
  }

  /** A client of the current Issuer with our timeout, e.g. for `refresh()` or `revoke()`. */
  async createClient(metadata: ClientMetadata): Promise<BaseClient> {
    const { Client } = await this.fresh();
    const client = new Client(metadata);
    client[custom.http_options] = logtoHttpOptions;
    return client;
  }

  /** Where Logto publishes its keys, from the discovery document this Issuer was built from. */
  async jwksUri(): Promise<string | undefined> {
    return (await this.fresh()).jwksUri;
  }

  private async fresh(): Promise<BuiltIssuer> {
    const current = this.current;
    if (current && this.now() - current.createdAt < KEYS_MAX_AGE_MS) return current;
    this.pending ??= this.build().finally(() => {
      this.pending = undefined;
    });
    try {
      return await this.pending;
    } catch (error) {
      if (current) return current;
      throw error;
    }
  }

  private async build(): Promise<BuiltIssuer> {
    const metadata = await this.loadMetadata(this.wellKnown);
    // A copy: openid-client keeps what it is given, and the speed layer shares its document.
    const issuer = new TimedIssuer(structuredClone(metadata));
    issuer[custom.http_options] = logtoHttpOptions;
    const gate = new KeyReloadGate(issuer, this.now);
    const built = {
      Client: withKeyReload(issuer.Client, gate),
      jwksUri: issuer.metadata.jwks_uri,
      createdAt: this.now(),
    };
    this.current = built;
    return built;
  }
}
