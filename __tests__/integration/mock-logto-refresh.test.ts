/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createHash } from 'node:crypto';
import { setupServer } from 'msw/node';
import { createMockLogto, type MockLogto, type TokenSet } from '../../support/mock-logto';

let logto: MockLogto;
const network = setupServer();

beforeAll(async () => {
  logto = await createMockLogto();
  network.use(...logto.handlers);
  network.listen({ onUnhandledFrame: 'error' });
});
afterEach(() => logto.reset());
afterAll(() => network.close());

const basic = () =>
  `Basic ${Buffer.from(`${logto.clientId}:${logto.clientSecret}`).toString('base64')}`;

async function tokenRequest(form: Record<string, string>) {
  const response = await fetch(`${logto.issuer}/token`, {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return {
    status: response.status,
    body: (await response.json()) as TokenSet & { error?: string },
  };
}

async function signedIn(): Promise<TokenSet> {
  const verifier = 'v'.repeat(43);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:3000/api/auth/callback/logto';
  const authorize = new URL(`${logto.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: logto.clientId,
    response_type: 'code',
    scope: 'openid offline_access',
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 's',
  }).toString();
  const code = new URL(logto.approve(authorize.toString())).searchParams.get('code')!;
  const { body } = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  return body;
}

it('rotates the refresh token on every refresh', async () => {
  const first = await signedIn();
  const { status, body } = await tokenRequest({
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token,
  });
  expect(status).toBe(200);
  expect(body.refresh_token).not.toBe(first.refresh_token);
  expect(body.access_token).not.toBe(first.access_token);
  expect(logto.requests.token).toBe(2);
});

it('accepts a rotated refresh token again within the grace period with the same answer', async () => {
  const first = await signedIn();
  const a = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
  const b = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
  expect(b.status).toBe(200);
  expect(b.body.refresh_token).toBe(a.body.refresh_token);
});

it('revokes the whole grant when a rotated refresh token is reused after the grace period', async () => {
  const first = await signedIn();
  const rotated = await tokenRequest({
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token,
  });
  logto.advanceTime(4);
  const reuse = await tokenRequest({
    grant_type: 'refresh_token',
    refresh_token: first.refresh_token,
  });
  expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  const current = await tokenRequest({
    grant_type: 'refresh_token',
    refresh_token: rotated.body.refresh_token,
  });
  expect(current).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
});

it('refuses a code exchange with the wrong PKCE verifier', async () => {
  const authorize = new URL(`${logto.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: logto.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: 'http://127.0.0.1:3000/cb',
    code_challenge: createHash('sha256').update('right'.repeat(9)).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const code = new URL(logto.approve(authorize.toString())).searchParams.get('code')!;
  const { status, body } = await tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://127.0.0.1:3000/cb',
    code_verifier: 'wrong'.repeat(9),
  });
  expect(status).toBe(400);
  expect(body.error).toBe('invalid_grant');
});
