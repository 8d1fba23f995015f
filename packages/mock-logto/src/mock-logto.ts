import { createHash, randomBytes } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { advanceProcessClock, resetProcessClock } from './clock.js';
import { discoveryDocument } from './discovery.js';
import {
  clientCredentials,
  ENDPOINTS,
  paramsOf,
  type LogtoEndpoint,
  type SentRequest,
} from './request-log.js';
import {
  SigningKeys,
  type IdTokenAlg,
  type SigningChoice,
  type SigningKey,
} from './signing-keys.js';
import { logtoPhoneNumber, logtoUser, type LogtoUser } from './users.js';

/** The issuer, client id and secret a mock has when it is given none. */
export const MOCK_LOGTO = {
  /** Logto's issuer is the tenant's endpoint plus `/oidc`. */
  issuer: 'https://mock-tenant.logto.app/oidc',
  /** The tenant's endpoint, for routes configured with it (Logto's SDKs call it `endpoint`). */
  endpoint: 'https://mock-tenant.logto.app',
  clientId: 'mock-logto-app',
  clientSecret: 'mock-logto-app-secret',
} as const;

export interface MockLogtoOptions {
  /** e.g. `https://your-tenant.logto.app/oidc` (default `MOCK_LOGTO.issuer`). */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** Seconds an ID token and an access token live (Logto: 3600). */
  tokenTtlSeconds?: number;
  /** Seconds a refresh token that was just rotated is still accepted (Logto: 3). */
  refreshReuseGraceSeconds?: number;
}

export interface ApproveOptions {
  /** Who signs in: part of a Logto user (a new `sub` unless given); a Japanese number by default. */
  user?: Partial<LogtoUser>;
  /** Logto always sends `iss` on the callback; `false` plays a provider that does not. */
  includeIss?: boolean;
}

/** The token response Logto sends for a code or a refresh token. */
export interface TokenSet {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

/** Overrides for ID token claims; a claim set to `undefined` is left out. */
export type ClaimOverrides = Partial<Record<string, unknown>>;

interface PendingCode {
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  scope: string;
  sub: string;
}

interface Grant {
  sub: string;
  scope: string;
  revoked: boolean;
}

interface RefreshRecord {
  grant: Grant;
  /** When set, the token was rotated at this time (seconds) and replaced by `next`. */
  rotatedAt?: number;
  next?: TokenSet;
}

interface Knobs {
  signing: SigningChoice;
  claims: ClaimOverrides;
  tokenFailure: { status: number; body: unknown } | undefined;
  refusedRefresh: boolean;
  offline: boolean;
  logtoClockOffsetSeconds: number;
}

function defaultKnobs(): Knobs {
  return {
    signing: { alg: 'ES384', key: undefined, kid: undefined },
    claims: {},
    tokenFailure: undefined,
    refusedRefresh: false,
    offline: false,
    logtoClockOffsetSeconds: 0,
  };
}

/**
 * Makes a mocked Logto tenant. Its keys are made for this run when first needed, so this is
 * synchronous and can sit at the top of a test file, beside `setupServer(...logto.handlers)`.
 */
export function createMockLogto(options: MockLogtoOptions = {}): MockLogto {
  return new MockLogto(options);
}

/**
 * A Logto tenant, mocked with MSW, for tests that drive a real OpenID Connect relying party (a
 * NextAuth route, openid-client, Logto's SDKs).
 *
 * It answers as `https://<tenant>.logto.app/oidc` does: Logto's discovery document, a JWKS with an
 * ES384 (P-384) key whose `kid` is its RFC 7638 thumbprint, a token endpoint that checks the
 * client (Basic or form), the code, the redirect_uri and the PKCE S256 verifier and echoes the
 * nonce, refresh grants that rotate, userinfo, revocation and end-session; errors in Logto's JSON
 * shape. The browser's visit to Logto's sign-in page is `approve()`. The knobs make it misbehave
 * the way a broken or hostile provider would; `reset()` undoes them all.
 * @see https://docs.logto.io/integrate-logto/third-party-applications/oidc
 * @see https://openid.net/specs/openid-connect-core-1_0.html#CodeFlowAuth
 */
export class MockLogto {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Seconds an access token (and an ID token) lives. */
  readonly tokenTtlSeconds: number;
  /** MSW handlers for every Logto endpoint: hand them to `setupServer`. */
  readonly handlers: HttpHandler[];
  /** The query of the last authorize URL `approve()` accepted. */
  lastAuthorizeParams: URLSearchParams | undefined;
  /** The refresh token of the last token response, as the app would have stored it. */
  lastRefreshToken: string | undefined;

  private readonly reuseGrace: number;
  private readonly keys = new SigningKeys();
  private readonly users = new Map<string, LogtoUser>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, { sub: string; exp: number }>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly log: SentRequest[] = [];
  private counts = zeroCounts();
  private knobs = defaultKnobs();

  constructor(options: MockLogtoOptions = {}) {
    this.issuer = (options.issuer ?? MOCK_LOGTO.issuer).replace(/\/+$/, '');
    this.clientId = options.clientId ?? MOCK_LOGTO.clientId;
    this.clientSecret = options.clientSecret ?? MOCK_LOGTO.clientSecret;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
    this.reuseGrace = options.refreshReuseGraceSeconds ?? 3;
    this.handlers = this.buildHandlers();
  }

  // ---- the browser step ------------------------------------------------------------------

  /**
   * Plays the person on Logto's sign-in page: checks the authorize URL as Logto would, signs
   * `user` in and returns the callback URL (`redirect_uri?code&state&iss`) Logto would send the
   * browser to.
   * @throws when the request is one Logto would refuse (another client, no S256 challenge, …).
   */
  approve(authorizeUrl: string, options: ApproveOptions = {}): string {
    return this.authorize(authorizeUrl, options).callbackUrl;
  }

  /** `approve()`, also returning who signed in (their claims as Logto holds them now). */
  authorize(
    authorizeUrl: string,
    { user, includeIss = true }: ApproveOptions = {},
  ): { callbackUrl: string; user: LogtoUser } {
    const url = new URL(authorizeUrl);
    this.counts.authorize += 1;
    this.log.push({
      endpoint: 'authorize',
      method: 'GET',
      query: paramsOf(url.searchParams),
      form: {},
      auth: 'none',
      clientId: url.searchParams.get('client_id') ?? undefined,
    });
    if (this.knobs.offline) {
      throw new Error(
        'mock-logto: the tenant is offline (goOffline()): its sign-in page does not load',
      );
    }
    if (`${url.origin}${url.pathname}` !== `${this.issuer}/auth`) {
      throw new Error(
        `mock-logto: not this tenant's authorize endpoint: ${url.origin}${url.pathname} (expected ${this.issuer}/auth)`,
      );
    }
    const params = url.searchParams;
    const required = (name: string) => {
      const value = params.get(name);
      if (!value) throw new Error(`mock-logto: the authorize request has no ${name}`);
      return value;
    };
    if (required('client_id') !== this.clientId) {
      throw new Error(
        `mock-logto: unknown client_id "${params.get('client_id')}" (this tenant's is "${this.clientId}")`,
      );
    }
    if (required('response_type') !== 'code') {
      throw new Error('mock-logto: response_type must be code');
    }
    if (params.get('code_challenge_method') !== 'S256') {
      throw new Error('mock-logto: Logto requires PKCE with code_challenge_method=S256');
    }
    const scope = required('scope');
    if (!scope.split(' ').includes('openid')) throw new Error('mock-logto: scope lacks openid');
    const redirectUri = required('redirect_uri');
    this.lastAuthorizeParams = new URLSearchParams(params);

    const person = this.remember(user ?? {});
    const code = opaque();
    this.codes.set(code, {
      redirectUri,
      codeChallenge: required('code_challenge'),
      nonce: params.get('nonce') ?? undefined,
      scope,
      sub: person.sub,
    });
    const callback = new URL(redirectUri);
    callback.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) callback.searchParams.set('state', state);
    if (includeIss) callback.searchParams.set('iss', this.issuer);
    return { callbackUrl: callback.toString(), user: { ...person } };
  }

  // ---- people ------------------------------------------------------------------------------

  /** The claims Logto holds for `sub` now (what the next ID token carries), if it signed them in. */
  user(sub: string): LogtoUser | undefined {
    const person = this.users.get(sub);
    return person && { ...person };
  }

  /**
   * Changes a person's claims at Logto, as the Console or the Account Center would: ID tokens
   * from the next refresh on, and userinfo, carry them; `sub` stays.
   */
  updateUser(sub: string, changes: Partial<Omit<LogtoUser, 'sub'>>): LogtoUser {
    const person = this.users.get(sub);
    if (!person) {
      throw new Error(
        `mock-logto: no user "${sub}" has signed in at this tenant since its last reset()`,
      );
    }
    const updated = { ...person, ...changes, sub, updated_at: Date.now() };
    this.users.set(sub, updated);
    return { ...updated };
  }

  /**
   * The person changed their phone number at Logto (the Account Center): the next refresh's ID
   * token carries the new `phone_number` (digits only, as Logto sends it), with the same `sub`.
   * @param phone E.164 (`+12015550123`) or Logto's digits (`12015550123`).
   */
  changePhoneNumber(sub: string, phone: string): LogtoUser {
    return this.updateUser(sub, {
      phone_number: logtoPhoneNumber(phone),
      phone_number_verified: true,
    });
  }

  // ---- knobs (all undone by reset) -------------------------------------------------------

  /** Signs ID tokens with another algorithm: RS256 (its key is published), HS256 (keyed with the client secret) or none. */
  signNextIdTokenWith({ alg }: { alg: IdTokenAlg }): void {
    this.knobs.signing.alg = alg;
  }

  /** Signs ES384 ID tokens with a key the JWKS does not publish (the kid stays the published one). */
  useSigningKey(privateKey: SigningKey): void {
    this.knobs.signing.key = privateKey;
  }

  /**
   * Does what Logto Console's "Rotate private keys" does: a new ES384 key goes first in the JWKS
   * and signs every ID token from now on; the previous keys stay published. Returns its kid.
   */
  rotateSigningKey(): Promise<string> {
    return this.keys.rotate();
  }

  /**
   * Takes the key that signs ES384 ID tokens out of the JWKS and keeps signing with it, as a
   * token made with a key Logto no longer publishes (a removed or a stolen one) would arrive.
   */
  unpublishSigningKey(): void {
    this.keys.retireCurrent();
  }

  /** Puts this `kid` in the ID token header. */
  setKid(kid: string): void {
    this.knobs.signing.kid = kid;
  }

  /** Overrides ID token claims (iss, aud, exp, nonce, …); a claim set to `undefined` is left out. */
  setClaims(overrides: ClaimOverrides): void {
    this.knobs.claims = { ...this.knobs.claims, ...overrides };
  }

  /** Makes the token endpoint answer every grant with this status and JSON body. */
  failTokenEndpoint(status: number, body: unknown = { error: 'server_error' }): void {
    this.knobs.tokenFailure = { status, body };
  }

  /**
   * Refuses every refresh with Logto's 400 `invalid_grant` (the grant was revoked, or the person
   * was signed out elsewhere); signing in still works.
   */
  refuseRefresh(): void {
    this.knobs.refusedRefresh = true;
  }

  /** Every endpoint fails at the network level, as when the tenant cannot be reached. */
  goOffline(): void {
    this.knobs.offline = true;
  }

  /** The tenant can be reached again. */
  goOnline(): void {
    this.knobs.offline = false;
  }

  /** Whether `goOffline()` is on. */
  get offline(): boolean {
    return this.knobs.offline;
  }

  /**
   * Moves the clock of this whole test process forward: your app's and this tenant's, so tokens
   * expire for both as if `seconds` had passed. Undone by `reset()`.
   */
  advanceClock(seconds: number): void {
    advanceProcessClock(seconds);
  }

  /** Moves only this tenant's clock forward (token expiry at Logto, the refresh-token reuse grace). */
  advanceTime(seconds: number): void {
    this.knobs.logtoClockOffsetSeconds += seconds;
  }

  // ---- what the app sent -------------------------------------------------------------------

  /** Requests served per endpoint since the last reset (`authorize` counts `approve()` calls). */
  get requests(): Readonly<Record<LogtoEndpoint, number>> {
    return { ...this.counts };
  }

  /** Every request since the last reset, in order; only those to `endpoint` when it is given. */
  sent(endpoint?: LogtoEndpoint): SentRequest[] {
    return this.log.filter((entry) => endpoint === undefined || entry.endpoint === endpoint);
  }

  /**
   * Whether Logto would now refuse this refresh token because its grant was revoked (by the app's
   * sign-out, or by a reuse after rotation).
   * @throws for a token this tenant never issued.
   */
  isRevoked(refreshToken: string): boolean {
    const record = this.refreshTokens.get(refreshToken);
    if (!record) throw new Error('mock-logto: this tenant never issued that refresh token');
    return record.grant.revoked;
  }

  /**
   * Undoes every knob and the process clock, forgets people, codes and tokens, and zeroes the
   * counters and the log. The tenant's first signing keys stay.
   */
  reset(): void {
    this.knobs = defaultKnobs();
    this.counts = zeroCounts();
    this.log.length = 0;
    this.keys.reset();
    this.users.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.lastAuthorizeParams = undefined;
    this.lastRefreshToken = undefined;
    resetProcessClock();
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private buildHandlers(): HttpHandler[] {
    const at = (path: string) => `${this.issuer}${path}`;
    const serve =
      (endpoint: LogtoEndpoint, respond: (request: Request, form: URLSearchParams) => unknown) =>
      async ({ request }: { request: Request }) => {
        this.counts[endpoint] += 1;
        const form =
          request.method === 'POST'
            ? new URLSearchParams(await request.text())
            : new URLSearchParams();
        const client = clientCredentials(request.headers.get('authorization'), form);
        this.log.push({
          endpoint,
          method: request.method,
          query: paramsOf(new URL(request.url).searchParams),
          form: paramsOf(form),
          auth: client.auth,
          clientId: client.id,
        });
        if (this.knobs.offline) return HttpResponse.error();
        return respond(request, form) as Response | Promise<Response>;
      };
    return [
      http.get(
        at('/.well-known/openid-configuration'),
        serve('discovery', () => HttpResponse.json(discoveryDocument(this.issuer))),
      ),
      http.get(
        at('/jwks'),
        serve('jwks', async () => HttpResponse.json({ keys: await this.keys.published() })),
      ),
      http.post(
        at('/token'),
        serve('token', (request, form) => this.token(request, form)),
      ),
      http.get(
        at('/me'),
        serve('userinfo', (request) => this.userinfo(request)),
      ),
      http.post(
        at('/me'),
        serve('userinfo', (request) => this.userinfo(request)),
      ),
      http.post(
        at('/token/revocation'),
        serve('revocation', (request, form) => this.revoke(request, form)),
      ),
      http.get(
        at('/session/end'),
        serve('endSession', (request) => this.endSession(request)),
      ),
    ];
  }

  private async token(request: Request, form: URLSearchParams): Promise<Response> {
    if (this.knobs.tokenFailure) {
      return HttpResponse.json(this.knobs.tokenFailure.body as never, {
        status: this.knobs.tokenFailure.status,
      });
    }
    if (!this.authenticatesClient(request, form)) {
      return logtoError(401, 'invalid_client', 'client authentication failed');
    }
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(form);
    if (grantType === 'refresh_token') return this.exchangeRefreshToken(form);
    return logtoError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }

  private async exchangeCode(form: URLSearchParams): Promise<Response> {
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending) return logtoError(400, 'invalid_grant', 'authorization code not found');
    if (form.get('redirect_uri') !== pending.redirectUri) {
      return logtoError(400, 'invalid_grant', 'redirect_uri mismatch');
    }
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) {
      return logtoError(400, 'invalid_grant', 'PKCE verification failed');
    }
    const grant: Grant = { sub: pending.sub, scope: pending.scope, revoked: false };
    return HttpResponse.json(await this.issueTokens(grant, pending.nonce));
  }

  private async exchangeRefreshToken(form: URLSearchParams): Promise<Response> {
    const record = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (this.knobs.refusedRefresh || !record || record.grant.revoked) {
      return logtoError(400, 'invalid_grant', 'grant request is invalid');
    }
    if (record.rotatedAt !== undefined && record.next) {
      // Logto accepts a rotated refresh token again for a few seconds, then treats reuse as theft.
      if (this.now() - record.rotatedAt <= this.reuseGrace) return HttpResponse.json(record.next);
      record.grant.revoked = true;
      return logtoError(400, 'invalid_grant', 'grant request is invalid');
    }
    const next = await this.issueTokens(record.grant, undefined);
    record.rotatedAt = this.now();
    record.next = next;
    return HttpResponse.json(next);
  }

  private async issueTokens(grant: Grant, nonce: string | undefined): Promise<TokenSet> {
    const accessToken = opaque();
    const refreshToken = opaque();
    this.accessTokens.set(accessToken, { sub: grant.sub, exp: this.now() + this.tokenTtlSeconds });
    this.refreshTokens.set(refreshToken, { grant });
    this.lastRefreshToken = refreshToken;
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: await this.signIdToken(grant.sub, nonce),
      expires_in: this.tokenTtlSeconds,
      scope: grant.scope,
      token_type: 'Bearer',
    };
  }

  private signIdToken(sub: string, nonce: string | undefined): Promise<string> {
    const iat = this.now();
    const claims: Record<string, unknown> = {
      ...this.users.get(sub),
      iss: this.issuer,
      aud: this.clientId,
      iat,
      exp: iat + this.tokenTtlSeconds,
      ...(nonce === undefined ? {} : { nonce }),
    };
    for (const [name, value] of Object.entries(this.knobs.claims)) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    return this.keys.sign(claims, this.knobs.signing, this.clientSecret);
  }

  private userinfo(request: Request): Response {
    const token = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const record = this.accessTokens.get(token);
    if (!record || record.exp <= this.now()) {
      return new HttpResponse(null, {
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    }
    return HttpResponse.json(this.users.get(record.sub) ?? {});
  }

  private revoke(request: Request, form: URLSearchParams): Response {
    if (!this.authenticatesClient(request, form)) {
      return logtoError(401, 'invalid_client', 'client authentication failed');
    }
    const token = form.get('token') ?? '';
    const record = this.refreshTokens.get(token);
    if (record) record.grant.revoked = true;
    this.accessTokens.delete(token);
    return new HttpResponse(null, { status: 200 });
  }

  private endSession(request: Request): Response {
    const redirect = new URL(request.url).searchParams.get('post_logout_redirect_uri');
    if (!redirect) return new HttpResponse('signed out', { status: 200 });
    return new HttpResponse(null, { status: 303, headers: { Location: redirect } });
  }

  private authenticatesClient(request: Request, form: URLSearchParams): boolean {
    const client = clientCredentials(request.headers.get('authorization'), form);
    return client.id === this.clientId && client.secret === this.clientSecret;
  }

  /** Remembers who signs in; a `sub` seen before keeps its claims, with `changes` on top. */
  private remember(changes: Partial<LogtoUser>): LogtoUser {
    const known = changes.sub === undefined ? undefined : this.users.get(changes.sub);
    const person = known ? { ...known, ...changes } : logtoUser(changes);
    this.users.set(person.sub, person);
    return person;
  }

  /** Logto's time in seconds: the process clock plus this tenant's own offset. */
  private now(): number {
    return Math.floor(Date.now() / 1000) + this.knobs.logtoClockOffsetSeconds;
  }
}

function zeroCounts(): Record<LogtoEndpoint, number> {
  return Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint, 0])) as Record<
    LogtoEndpoint,
    number
  >;
}

/** A protocol error as Logto sends it: its own `code` and `message` beside OAuth's two fields. */
function logtoError(status: number, error: string, description: string): Response {
  return HttpResponse.json(
    { code: `oidc.${error}`, message: description, error, error_description: description },
    { status },
  );
}

function opaque(): string {
  return randomBytes(32).toString('base64url');
}
