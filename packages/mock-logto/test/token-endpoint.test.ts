/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { setupServer } from 'msw/node';
import { createMockLogto } from '@bookstore/mock-logto';
import { authorizeUrl, basicAuth, REDIRECT_URI, signedIn, tokenRequest } from './token-client';

const logto = createMockLogto();
const network = setupServer(...logto.handlers);

beforeAll(() => network.listen({ onUnhandledFrame: 'error' }));
afterEach(() => logto.reset());
afterAll(() => network.close());

describe('the code exchange', () => {
  it('refuses a code exchange with the wrong PKCE verifier', async () => {
    const code = new URL(logto.approve(authorizeUrl(logto, 'right'.repeat(9)))).searchParams.get(
      'code',
    )!;
    const { status, body } = await tokenRequest(logto, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: 'wrong'.repeat(9),
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', code: 'oidc.invalid_grant' });
  });

  it('accepts the client secret in the form (client_secret_post) as Logto does', async () => {
    const verifier = 'p'.repeat(43);
    const code = new URL(logto.approve(authorizeUrl(logto, verifier))).searchParams.get('code')!;
    const { status } = await tokenRequest(
      logto,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        client_id: logto.clientId,
        client_secret: logto.clientSecret,
      },
      {},
    );
    expect(status).toBe(200);
    expect(logto.sent('token')).toEqual([
      expect.objectContaining({ auth: 'client_secret_post', clientId: logto.clientId }),
    ]);
  });

  it('refuses a client with the wrong secret, in Logto’s error shape', async () => {
    const { status, body } = await tokenRequest(
      logto,
      { grant_type: 'refresh_token', refresh_token: 'x' },
      { authorization: `Basic ${Buffer.from(`${logto.clientId}:nope`).toString('base64')}` },
    );
    expect(status).toBe(401);
    expect(body).toEqual({
      code: 'oidc.invalid_client',
      message: 'client authentication failed',
      error: 'invalid_client',
      error_description: 'client authentication failed',
    });
  });
});

describe('refresh', () => {
  it('rotates the refresh token on every refresh', async () => {
    const first = await signedIn(logto);
    const { status, body } = await tokenRequest(logto, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(status).toBe(200);
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(body.access_token).not.toBe(first.access_token);
    expect(logto.requests.token).toBe(2);
  });

  it('accepts a rotated refresh token again within the grace period with the same answer', async () => {
    const first = await signedIn(logto);
    const form = { grant_type: 'refresh_token', refresh_token: first.refresh_token };
    const a = await tokenRequest(logto, form);
    const b = await tokenRequest(logto, form);
    expect(b.status).toBe(200);
    expect(b.body.refresh_token).toBe(a.body.refresh_token);
  });

  it('revokes the whole grant when a rotated refresh token is reused after the grace period', async () => {
    const first = await signedIn(logto);
    const rotated = await tokenRequest(logto, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    logto.advanceTime(4);
    const reuse = await tokenRequest(logto, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(logto.isRevoked(rotated.body.refresh_token)).toBe(true);
  });

  it('answers invalid_grant to every refresh once refuseRefresh() is on, and still signs people in', async () => {
    const first = await signedIn(logto);
    logto.refuseRefresh();
    const refused = await tokenRequest(logto, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await signedIn(logto)).id_token).toEqual(expect.any(String));
  });
});

describe('revocation', () => {
  it('revokes the grant of a refresh token, and logs what the app sent', async () => {
    const tokens = await signedIn(logto);
    await fetch(`${logto.issuer}/token/revocation`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(logto),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: tokens.refresh_token, token_type_hint: 'refresh_token' }),
    });
    expect(logto.isRevoked(tokens.refresh_token)).toBe(true);
    expect(logto.sent('revocation')).toEqual([
      {
        endpoint: 'revocation',
        method: 'POST',
        query: {},
        form: { token: tokens.refresh_token, token_type_hint: 'refresh_token' },
        auth: 'client_secret_basic',
        clientId: logto.clientId,
      },
    ]);
    const after = await tokenRequest(logto, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(after.status).toBe(400);
  });

  it('says which refresh tokens it never issued instead of guessing', () => {
    expect(() => logto.isRevoked('never-issued')).toThrow(
      'mock-logto: this tenant never issued that refresh token',
    );
  });
});

describe('the request log', () => {
  it('keeps the authorize request’s parameters and never a client secret', async () => {
    await signedIn(logto);
    const [authorize] = logto.sent('authorize');
    expect(authorize?.query).toMatchObject({ scope: 'openid offline_access profile phone' });
    expect(JSON.stringify(logto.sent())).not.toContain(logto.clientSecret);
    expect(logto.sent().map((entry) => entry.endpoint)).toEqual(['authorize', 'token']);
  });

  it('is emptied by reset()', async () => {
    await signedIn(logto);
    logto.reset();
    expect(logto.sent()).toEqual([]);
    expect(logto.requests.token).toBe(0);
  });
});

describe('Logto down', () => {
  it('fails every endpoint at the network level until it is back online', async () => {
    logto.goOffline();
    await expect(fetch(`${logto.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
    logto.goOnline();
    expect((await fetch(`${logto.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });
});
