/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { calculateJwkThumbprint, decodeProtectedHeader } from 'jose';
import type { BaseClient } from 'openid-client';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { Browser } from '@bookstore/mock-logto/next-auth';
import { APP_URL, bookstoreClient, signInWithPhone } from '../../support/relying-party';

jest.setTimeout(60_000);

const TEST_PHONE = '+15555550100';
let logto: LogtoLocalProcess;
let client: BaseClient;

beforeAll(async () => {
  logto = await startLogtoLocal({ LOGTO_LOCAL_TEST_PHONES: `${TEST_PHONE}=424242` });
  client = await bookstoreClient(logto);
});

afterAll(async () => {
  await logto?.stop();
});

describe('discovery and keys', () => {
  it('advertises Logto’s endpoints under /oidc with ES384 ID tokens', async () => {
    const discovery = await (
      await fetch(`${logto.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(discovery).toMatchObject({
      issuer: logto.issuer,
      authorization_endpoint: `${logto.issuer}/auth`,
      token_endpoint: `${logto.issuer}/token`,
      userinfo_endpoint: `${logto.issuer}/me`,
      jwks_uri: `${logto.issuer}/jwks`,
      end_session_endpoint: `${logto.issuer}/session/end`,
      revocation_endpoint: `${logto.issuer}/token/revocation`,
      introspection_endpoint: `${logto.issuer}/token/introspection`,
      id_token_signing_alg_values_supported: ['ES384'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining([
        'openid',
        'offline_access',
        'profile',
        'email',
        'phone',
        'custom_data',
        'identities',
        'roles',
      ]),
    );
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
  });

  it('publishes one P-384 ES384 key whose kid is its RFC 7638 thumbprint', async () => {
    const { keys } = await (await fetch(`${logto.issuer}/jwks`)).json();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384', use: 'sig' });
    expect(keys[0].d).toBeUndefined();
    expect(keys[0].kid).toBe(await calculateJwkThumbprint(keys[0], 'sha256'));
  });
});

describe('signing in with a phone number', () => {
  it('registers an unknown number after its code and returns Logto-shaped ID token claims', async () => {
    const { tokens } = await signInWithPhone(logto, client, '+819012345678');
    const claims = tokens.claims();
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('ES384');
    expect(claims.sub).toMatch(/^[a-z0-9]{12}$/);
    expect(claims).toMatchObject({
      iss: logto.issuer,
      aud: 'bookstore-local',
      phone_number: '819012345678',
      phone_number_verified: true,
      name: null,
      picture: null,
      username: null,
    });
    expect(typeof claims.created_at).toBe('number');
    expect(typeof claims.updated_at).toBe('number');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.expires_in).toBeGreaterThan(3500);
  });

  it('signs a known number back in to the same account', async () => {
    const first = await signInWithPhone(logto, client, '+819011112222');
    const second = await signInWithPhone(logto, client, '+819011112222');
    expect(second.tokens.claims().sub).toBe(first.tokens.claims().sub);
  });

  it('serves the same claims at the userinfo endpoint', async () => {
    const { tokens } = await signInWithPhone(logto, client, '+819033334444');
    const userinfo = await client.userinfo(tokens.access_token!);
    expect(userinfo).toMatchObject({
      sub: tokens.claims().sub,
      phone_number: '819033334444',
      name: null,
    });
  });

  it('issues no refresh token without prompt=consent, as Logto does', async () => {
    const { tokens } = await signInWithPhone(logto, client, '+819055556666', {
      params: { prompt: 'login' },
    });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('accepts a fixed test number with its fixed code and sends nothing', async () => {
    const { tokens } = await signInWithPhone(logto, client, TEST_PHONE, {
      readCode: async () => '424242',
    });
    expect(tokens.claims().phone_number).toBe('15555550100');
    const outbox = await logto.readOutbox();
    expect(outbox.some((entry) => entry.to.replace(/^\+/, '') === '15555550100')).toBe(false);
  });

  it('accepts client_secret_post at the token endpoint', async () => {
    const issuer = client.issuer;
    const postClient = new issuer.Client({
      client_id: 'bookstore-local',
      client_secret: 'bookstore-local-secret',
      redirect_uris: [`${APP_URL}/api/auth/callback/logto`],
      id_token_signed_response_alg: 'ES384',
      token_endpoint_auth_method: 'client_secret_post',
    });
    const { tokens } = await signInWithPhone(logto, postClient, '+819077778888');
    expect(tokens.claims().phone_number).toBe('819077778888');
  });
});

/** Submits the logout confirmation form as a browser without JavaScript does (pressing "Sign out"). */
async function confirmLogout(browser: Browser, page: { body: string; url: URL }) {
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)![1]!;
  const action = new URL(/action="([^"]+)"/.exec(page.body)![1]!, page.url);
  return browser.follow(action, { form: { xsrf, logout: 'yes' } });
}

describe('sign-out', () => {
  it('ends the session and redirects to a registered post_logout_redirect_uri', async () => {
    const { tokens, browser } = await signInWithPhone(logto, client, '+819099990000');
    const endSession = client.endSessionUrl({
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: `${APP_URL}/`,
      state: 'bye',
    });
    const confirm = await browser.follow(endSession);
    expect(confirm.response.status).toBe(200);
    // Submits itself with JavaScript, and still offers a button without it.
    expect(confirm.body).toContain('f.submit()');
    expect(confirm.body).toMatch(
      /<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out<\/button>/,
    );
    const done = await confirmLogout(browser, confirm);
    expect(done.url.href).toBe(`${APP_URL}/?state=bye`);
  });

  it('rejects an unregistered post_logout_redirect_uri with a 400', async () => {
    const { tokens, browser } = await signInWithPhone(logto, client, '+819099990001');
    const endSession = client.endSessionUrl({
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'https://evil.example/',
    });
    const result = await browser.follow(endSession);
    expect(result.response.status).toBe(400);
    expect(result.body).toContain('post_logout_redirect_uri');
  });

  it('accepts client_id instead of id_token_hint, and returns at once when there is no session to end', async () => {
    const browser = new Browser(logto.origin);
    const url = `${logto.issuer}/session/end?client_id=bookstore-local&post_logout_redirect_uri=${encodeURIComponent(`${APP_URL}/`)}`;
    const done = await browser.follow(url);
    expect(done.response.status).toBe(303);
    expect(done.url.href).toBe(`${APP_URL}/`);
  });
});
