/**
 * A Logto tenant, mocked with MSW, for tests that drive a real OIDC relying party.
 *
 * It answers like `https://<tenant>.logto.app/oidc` does: Logto-shaped discovery (with
 * `authorization_response_iss_parameter_supported`), a JWKS holding an ES384 (P-384) key made
 * for this run whose `kid` is its RFC 7638 thumbprint, a token endpoint that checks
 * client_secret_basic, the code it issued, the redirect_uri and the PKCE S256 verifier and
 * echoes the nonce, refresh-token grants with rotation, userinfo, revocation and end-session.
 * The browser step (`/oidc/auth` plus the SMS code) is modelled by `approve()`, which returns
 * the callback URL Logto would redirect to.
 *
 * Knobs make it misbehave the way a broken or hostile provider would (alg, key, kid, claims,
 * HTTP errors, unreachable); `reset()` puts it back and zeroes the request counters.
 *
 * Copying it into another project's CI:
 *   1. Copy this file; it needs only `msw@3` and `jose@6` (both dev dependencies).
 *      Jest: let msw's ESM packages and `jose` through `transformIgnorePatterns`.
 *   2. `const logto = await createMockLogto({ clientId, clientSecret })` in `beforeAll`;
 *      `setupServer(...logto.handlers)` and `server.listen({ onUnhandledFrame: 'error' })`.
 *   3. Point the app at `logto.issuer` (e.g. AUTH_LOGTO_ISSUER) and call `logto.reset()` in
 *      `afterEach`. No network, no Logto tenant, no secrets needed.
 * @see https://docs.logto.io/integrate-logto/third-party-applications/oidc (Logto's OIDC endpoints)
 * @see https://openid.net/specs/openid-connect-core-1_0.html#CodeFlowAuth
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import { http, HttpResponse, type HttpHandler } from 'msw';

export const DEFAULT_TEST_ISSUER = 'https://bookstore-test.logto.app/oidc';

/** The user Logto signs in, as its claims; unset fields get Logto's defaults (mostly null). */
export interface LogtoUser {
  /** 12-character lowercase id. */
  sub: string;
  name: string | null;
  username: string | null;
  picture: string | null;
  email: string | null;
  email_verified: boolean;
  /** Digits only, no `+`, e.g. `819012345678`. */
  phone_number: string | null;
  phone_number_verified: boolean;
  created_at: number;
  updated_at: number;
}

export type IdTokenAlg = 'ES384' | 'RS256' | 'HS256' | 'none';

/** Overrides for ID token claims; `undefined` removes the claim. */
export type ClaimOverrides = Partial<Record<string, unknown>>;

export type LogtoEndpoint =
  'discovery' | 'jwks' | 'authorize' | 'token' | 'userinfo' | 'revocation' | 'endSession';

export interface MockLogtoOptions {
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** Seconds an ID token and an access token live (Logto: 1 h). */
  tokenTtlSeconds?: number;
  /** Seconds a rotated refresh token is still accepted (Logto: 3 s). */
  refreshReuseGraceSeconds?: number;
}

export interface ApproveOptions {
  /** Claims of the person who signs in; defaults to a verified Japanese phone number. */
  user?: Partial<LogtoUser>;
  /** Logto always sends `iss` on the callback; `false` models a provider that does not. */
  includeIss?: boolean;
}

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  scope: string;
  user: LogtoUser;
}

interface Grant {
  user: LogtoUser;
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
  alg: IdTokenAlg;
  signingKey: CryptoKey | undefined;
  kid: string | undefined;
  claims: ClaimOverrides;
  tokenFailure: { status: number; body: unknown } | undefined;
  offline: boolean;
  clockOffsetSeconds: number;
  /** ES384 keys added by rotateSigningKey(), newest first; the newest signs. */
  rotatedKeys: KeyEntry[];
  /** Keys taken out of the JWKS by unpublishSigningKey(). */
  retiredKids: Set<string>;
}

const ENDPOINTS: LogtoEndpoint[] = [
  'discovery',
  'jwks',
  'authorize',
  'token',
  'userinfo',
  'revocation',
  'endSession',
];

/** A fresh ES384 key pair, e.g. for `useSigningKey` (a key the JWKS does not hold). */
export async function createSigningKey(): Promise<CryptoKey> {
  const { privateKey } = await generateKeyPair('ES384', { extractable: true });
  return privateKey;
}

/** Makes a mocked Logto tenant with keys made for this run. */
export async function createMockLogto(options: MockLogtoOptions = {}): Promise<MockLogto> {
  const es384 = await generateKeyPair('ES384', { extractable: true });
  const rs256 = await generateKeyPair('RS256', { extractable: true });
  return new MockLogto(options, {
    es384: { ...es384, jwk: await publicJwk(es384.publicKey, 'ES384') },
    rs256: { ...rs256, jwk: await publicJwk(rs256.publicKey, 'RS256') },
  });
}

interface KeyEntry {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK & { kid: string };
}

async function publicJwk(key: CryptoKey, alg: string): Promise<JWK & { kid: string }> {
  const jwk = await exportJWK(key);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg, use: 'sig' };
}

export class MockLogto {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** MSW handlers for every Logto endpoint; hand them to `setupServer`. */
  readonly handlers: HttpHandler[];
  /** The query of the last authorize URL `approve()` accepted. */
  lastAuthorizeParams: URLSearchParams | undefined;
  /** The refresh token of the last token response, as the app would store it. */
  lastRefreshToken: string | undefined;

  private readonly tokenTtl: number;
  private readonly reuseGrace: number;
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, { user: LogtoUser; exp: number }>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private counts = zeroCounts();
  private knobs = defaultKnobs();

  constructor(
    options: MockLogtoOptions,
    private readonly keys: { es384: KeyEntry; rs256: KeyEntry },
  ) {
    this.issuer = (options.issuer ?? DEFAULT_TEST_ISSUER).replace(/\/+$/, '');
    this.clientId = options.clientId ?? 'bookstore-test-client';
    this.clientSecret = options.clientSecret ?? 'bookstore-test-secret';
    this.tokenTtl = options.tokenTtlSeconds ?? 3600;
    this.reuseGrace = options.refreshReuseGraceSeconds ?? 3;
    this.handlers = this.buildHandlers();
  }

  // ---- the browser step ------------------------------------------------------------------

  /**
   * Plays the person at Logto's sign-in page: checks the authorize URL as Logto would and
   * returns the callback URL (`redirect_uri?code&state&iss`) it would send the browser to.
   * @throws when the request is one Logto would refuse (wrong client, no S256 challenge, …).
   */
  approve(authorizeUrl: string, { user, includeIss = true }: ApproveOptions = {}): string {
    this.counts.authorize += 1;
    const url = new URL(authorizeUrl);
    if (`${url.origin}${url.pathname}` !== `${this.issuer}/auth`) {
      throw new Error(
        `mock-logto: not this tenant's authorize endpoint: ${url.origin}${url.pathname}`,
      );
    }
    const params = url.searchParams;
    const require = (name: string) => {
      const value = params.get(name);
      if (!value) throw new Error(`mock-logto: authorize request has no ${name}`);
      return value;
    };
    if (require('client_id') !== this.clientId) throw new Error('mock-logto: unknown client_id');
    if (require('response_type') !== 'code')
      throw new Error('mock-logto: response_type must be code');
    if (params.get('code_challenge_method') !== 'S256') {
      throw new Error('mock-logto: Logto requires PKCE with code_challenge_method=S256');
    }
    const scope = require('scope');
    if (!scope.split(' ').includes('openid')) throw new Error('mock-logto: scope lacks openid');
    const redirectUri = require('redirect_uri');
    this.lastAuthorizeParams = new URLSearchParams(params);

    const code = opaque();
    this.codes.set(code, {
      clientId: this.clientId,
      redirectUri,
      codeChallenge: require('code_challenge'),
      nonce: params.get('nonce') ?? undefined,
      scope,
      user: makeUser(user),
    });
    const callback = new URL(redirectUri);
    callback.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) callback.searchParams.set('state', state);
    if (includeIss) callback.searchParams.set('iss', this.issuer);
    return callback.toString();
  }

  // ---- knobs (all undone by reset) -------------------------------------------------------

  /** Signs ID tokens with another algorithm: RS256 (its key is published), HS256 (keyed with the client secret) or none. */
  signNextIdTokenWith({ alg }: { alg: IdTokenAlg }): void {
    this.knobs.alg = alg;
  }

  /** Signs ES384 ID tokens with a key the JWKS does not publish (the kid stays the real one). */
  useSigningKey(privateKey: CryptoKey): void {
    this.knobs.signingKey = privateKey;
  }

  /**
   * Does what Logto Console's "Rotate private keys" does: a new ES384 key goes first in the JWKS
   * and signs every ID token from now on; the previous keys stay published for verification.
   */
  async rotateSigningKey(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const entry = { privateKey, publicKey, jwk: await publicJwk(publicKey, 'ES384') };
    this.knobs.rotatedKeys.unshift(entry);
    return entry.jwk.kid;
  }

  /**
   * Takes the key that signs ES384 ID tokens out of the JWKS and keeps signing with it, as a
   * token made with a key Logto no longer publishes (a removed or stolen one) would arrive.
   */
  unpublishSigningKey(): void {
    this.knobs.retiredKids.add((this.knobs.rotatedKeys[0] ?? this.keys.es384).jwk.kid);
  }

  /** Puts this `kid` in the ID token header. */
  setKid(kid: string): void {
    this.knobs.kid = kid;
  }

  /** Overrides ID token claims (iss, aud, exp, nonce, …); a key set to `undefined` removes the claim. */
  setClaims(overrides: ClaimOverrides): void {
    this.knobs.claims = { ...this.knobs.claims, ...overrides };
  }

  /** Makes the token endpoint answer with this status and JSON body. */
  failTokenEndpoint(status: number, body: unknown = { error: 'server_error' }): void {
    this.knobs.tokenFailure = { status, body };
  }

  /** Every endpoint fails at the network level, as when the tenant is unreachable. */
  goOffline(): void {
    this.knobs.offline = true;
  }

  /** Moves the tenant's clock forward (token expiry, refresh-token reuse grace). */
  advanceTime(seconds: number): void {
    this.knobs.clockOffsetSeconds += seconds;
  }

  /** Requests served per endpoint since the last reset (authorize counts `approve()` calls). */
  get requests(): Readonly<Record<LogtoEndpoint, number>> {
    return { ...this.counts };
  }

  /** Undoes every knob, forgets issued codes and tokens, and zeroes the counters. */
  reset(): void {
    this.knobs = defaultKnobs();
    this.counts = zeroCounts();
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.lastAuthorizeParams = undefined;
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private buildHandlers(): HttpHandler[] {
    const at = (path: string) => `${this.issuer}${path}`;
    const guard =
      (endpoint: LogtoEndpoint, respond: (request: Request) => Promise<Response> | Response) =>
      async ({ request }: { request: Request }) => {
        this.counts[endpoint] += 1;
        if (this.knobs.offline) return HttpResponse.error();
        return respond(request);
      };
    return [
      http.get(
        at('/.well-known/openid-configuration'),
        guard('discovery', () => HttpResponse.json(this.discovery())),
      ),
      http.get(
        at('/jwks'),
        guard('jwks', () => HttpResponse.json({ keys: this.publishedKeys() })),
      ),
      http.post(
        at('/token'),
        guard('token', (request) => this.token(request)),
      ),
      http.get(
        at('/me'),
        guard('userinfo', (request) => this.userinfo(request)),
      ),
      http.post(
        at('/me'),
        guard('userinfo', (request) => this.userinfo(request)),
      ),
      http.post(
        at('/token/revocation'),
        guard('revocation', (request) => this.revoke(request)),
      ),
      http.get(
        at('/session/end'),
        guard('endSession', (request) => this.endSession(request)),
      ),
    ];
  }

  private discovery() {
    const at = (path: string) => `${this.issuer}${path}`;
    return {
      issuer: this.issuer,
      authorization_endpoint: at('/auth'),
      token_endpoint: at('/token'),
      userinfo_endpoint: at('/me'),
      jwks_uri: at('/jwks'),
      end_session_endpoint: at('/session/end'),
      revocation_endpoint: at('/token/revocation'),
      introspection_endpoint: at('/token/introspection'),
      registration_endpoint: at('/reg'),
      response_types_supported: ['code', 'id_token', 'code id_token'],
      response_modes_supported: ['form_post', 'fragment', 'query'],
      grant_types_supported: [
        'authorization_code',
        'implicit',
        'refresh_token',
        'client_credentials',
      ],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES384'],
      token_endpoint_auth_methods_supported: [
        'client_secret_basic',
        'client_secret_jwt',
        'client_secret_post',
        'private_key_jwt',
        'none',
      ],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'offline_access', 'profile', 'email', 'phone'],
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'nonce',
        'name',
        'username',
        'picture',
        'email',
        'email_verified',
        'phone_number',
        'phone_number_verified',
        'created_at',
        'updated_at',
      ],
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      require_request_uri_registration: false,
      authorization_response_iss_parameter_supported: true,
      end_session_endpoint_supported: true,
    };
  }

  private async token(request: Request): Promise<Response> {
    if (this.knobs.tokenFailure) {
      return HttpResponse.json(this.knobs.tokenFailure.body as never, {
        status: this.knobs.tokenFailure.status,
      });
    }
    if (!this.authenticatesClient(request.headers.get('authorization'))) {
      return oauthError(401, 'invalid_client', 'client authentication failed');
    }
    const form = new URLSearchParams(await request.text());
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(form);
    if (grantType === 'refresh_token') return this.exchangeRefreshToken(form);
    return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }

  private async exchangeCode(form: URLSearchParams): Promise<Response> {
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending) return oauthError(400, 'invalid_grant', 'authorization code not found');
    if (form.get('redirect_uri') !== pending.redirectUri) {
      return oauthError(400, 'invalid_grant', 'redirect_uri mismatch');
    }
    const verifier = form.get('code_verifier') ?? '';
    if (base64url(createHash('sha256').update(verifier).digest()) !== pending.codeChallenge) {
      return oauthError(400, 'invalid_grant', 'PKCE verification failed');
    }
    const grant: Grant = { user: pending.user, scope: pending.scope, revoked: false };
    return HttpResponse.json(await this.issueTokens(grant, pending.nonce));
  }

  private async exchangeRefreshToken(form: URLSearchParams): Promise<Response> {
    const record = this.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!record || record.grant.revoked) {
      return oauthError(400, 'invalid_grant', 'grant request is invalid');
    }
    if (record.rotatedAt !== undefined && record.next) {
      // Logto accepts a rotated refresh token again for a few seconds, then treats reuse as theft.
      if (this.now() - record.rotatedAt <= this.reuseGrace) return HttpResponse.json(record.next);
      record.grant.revoked = true;
      return oauthError(400, 'invalid_grant', 'grant request is invalid');
    }
    const next = await this.issueTokens(record.grant, undefined);
    record.rotatedAt = this.now();
    record.next = next;
    return HttpResponse.json(next);
  }

  private async issueTokens(grant: Grant, nonce: string | undefined): Promise<TokenSet> {
    const accessToken = opaque();
    const refreshToken = opaque();
    this.accessTokens.set(accessToken, { user: grant.user, exp: this.now() + this.tokenTtl });
    this.refreshTokens.set(refreshToken, { grant });
    this.lastRefreshToken = refreshToken;
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: await this.signIdToken(grant.user, nonce),
      expires_in: this.tokenTtl,
      scope: grant.scope,
      token_type: 'Bearer',
    };
  }

  private async signIdToken(user: LogtoUser, nonce: string | undefined): Promise<string> {
    const iat = this.now();
    const claims: Record<string, unknown> = {
      ...user,
      iss: this.issuer,
      aud: this.clientId,
      iat,
      exp: iat + this.tokenTtl,
      ...(nonce === undefined ? {} : { nonce }),
    };
    for (const [name, value] of Object.entries(this.knobs.claims)) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    const { alg } = this.knobs;
    if (alg === 'none') {
      const encode = (part: object) => base64url(Buffer.from(JSON.stringify(part)));
      return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    }
    if (alg === 'HS256') {
      return new SignJWT(claims)
        .setProtectedHeader({ alg, typ: 'JWT' })
        .sign(new TextEncoder().encode(this.clientSecret));
    }
    const entry =
      alg === 'RS256' ? this.keys.rs256 : (this.knobs.rotatedKeys[0] ?? this.keys.es384);
    const kid = this.knobs.kid ?? entry.jwk.kid;
    const key = alg === 'ES384' ? (this.knobs.signingKey ?? entry.privateKey) : entry.privateKey;
    return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid }).sign(key);
  }

  private publishedKeys(): JWK[] {
    const entries = [...this.knobs.rotatedKeys, this.keys.es384, this.keys.rs256];
    return entries.map(({ jwk }) => jwk).filter(({ kid }) => !this.knobs.retiredKids.has(kid));
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
    return HttpResponse.json(record.user);
  }

  private async revoke(request: Request): Promise<Response> {
    if (!this.authenticatesClient(request.headers.get('authorization'))) {
      return oauthError(401, 'invalid_client', 'client authentication failed');
    }
    const token = new URLSearchParams(await request.text()).get('token') ?? '';
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

  private authenticatesClient(header: string | null): boolean {
    const match = /^Basic\s+(.+)$/i.exec(header ?? '');
    if (!match?.[1]) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const [id, secret] = decoded
      .split(':')
      .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
    return id === this.clientId && secret === this.clientSecret;
  }

  private now(): number {
    return Math.floor(Date.now() / 1000) + this.knobs.clockOffsetSeconds;
  }
}

function defaultKnobs(): Knobs {
  return {
    alg: 'ES384',
    signingKey: undefined,
    kid: undefined,
    claims: {},
    tokenFailure: undefined,
    offline: false,
    clockOffsetSeconds: 0,
    rotatedKeys: [],
    retiredKids: new Set(),
  };
}

function zeroCounts(): Record<LogtoEndpoint, number> {
  return Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint, 0])) as Record<
    LogtoEndpoint,
    number
  >;
}

/** A Logto user with Logto's defaults: 12-char lowercase id, null where Logto sends null. */
export function makeUser(overrides: Partial<LogtoUser> = {}): LogtoUser {
  const now = Date.now();
  return {
    sub: randomBytes(9).toString('hex').slice(0, 12),
    name: null,
    username: null,
    picture: null,
    email: null,
    email_verified: false,
    phone_number: '819012345678',
    phone_number_verified: true,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

function oauthError(status: number, error: string, description: string): Response {
  return HttpResponse.json({ error, error_description: description }, { status });
}

function opaque(): string {
  return base64url(randomBytes(32));
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
