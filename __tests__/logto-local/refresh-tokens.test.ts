/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type { BaseClient } from 'openid-client';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, signInWithPhone } from '../../support/relying-party';

jest.setTimeout(60_000);

const GRACE_SECONDS = 1;
/**
 * Short enough that 70% of it passes within a test, long enough that a loaded machine still
 * refreshes before it ends (with 4 s, CI's refresh once came after the end).
 */
const SHORT_REFRESH_TTL_SECONDS = 20;
let logto: LogtoLocalProcess;
let client: BaseClient;
/** Logto's defaults (14-day refresh tokens), so 70% of a lifetime never passes in a test. */
let asLogto: LogtoLocalProcess;
let asLogtoClient: BaseClient;
/** Refresh tokens that reach 70% of their life within a test. */
let shortLived: LogtoLocalProcess;
let shortLivedClient: BaseClient;

beforeAll(async () => {
  [logto, asLogto, shortLived] = await Promise.all([
    startLogtoLocal({
      LOGTO_LOCAL_REFRESH_REUSE_GRACE: String(GRACE_SECONDS),
      LOGTO_LOCAL_REFRESH_ROTATION: 'every-use',
    }),
    startLogtoLocal(),
    startLogtoLocal({ LOGTO_LOCAL_REFRESH_TOKEN_TTL: String(SHORT_REFRESH_TTL_SECONDS) }),
  ]);
  [client, asLogtoClient, shortLivedClient] = await Promise.all([
    bookstoreClient(logto),
    bookstoreClient(asLogto),
    bookstoreClient(shortLived),
  ]);
});

afterAll(async () => {
  await Promise.all([logto?.stop(), asLogto?.stop(), shortLived?.stop()]);
});

describe('by default, as Logto treats a Traditional Web app', () => {
  it('hands the same refresh token back until 70% of its lifetime has passed', async () => {
    const { tokens } = await signInWithPhone(asLogto, asLogtoClient, '+819012340011');
    const first = await asLogtoClient.refresh(tokens.refresh_token!);
    const second = await asLogtoClient.refresh(tokens.refresh_token!);
    expect(first.refresh_token).toBe(tokens.refresh_token);
    expect(second.refresh_token).toBe(tokens.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
  });

  it('rotates the refresh token once 70% of its lifetime has passed', async () => {
    const { tokens } = await signInWithPhone(shortLived, shortLivedClient, '+819012340012');
    // oidc-provider counts whole seconds from the token's iat, issued with the ID token's (give
    // or take a second): wait one more.
    const issuedAt = tokens.claims().iat;
    await waitUntil((issuedAt + Math.ceil(SHORT_REFRESH_TTL_SECONDS * 0.7) + 1) * 1000);
    const rotated = await shortLivedClient.refresh(tokens.refresh_token!);
    expect(rotated.refresh_token).toEqual(expect.any(String));
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
  });
});

/** Waits until the wall clock has passed `deadline` (the grace is a time condition, not an event). */
async function waitUntil(deadline: number) {
  while (Date.now() <= deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

it('rotates the refresh token on every use when told to, and returns a fresh ES384 ID token', async () => {
  const { tokens } = await signInWithPhone(logto, client, '+819012340001');
  const refreshed = await client.refresh(tokens.refresh_token!);
  expect(refreshed.refresh_token).toEqual(expect.any(String));
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  expect(refreshed.access_token).not.toBe(tokens.access_token);
  expect(refreshed.claims().sub).toBe(tokens.claims().sub);
  expect(refreshed.claims().phone_number).toBe('819012340001');
});

it('accepts a rotated refresh token again within the reuse grace', async () => {
  const { tokens } = await signInWithPhone(logto, client, '+819012340002');
  const first = await client.refresh(tokens.refresh_token!);
  const again = await client.refresh(tokens.refresh_token!);
  expect(again.access_token).toEqual(expect.any(String));
  expect(first.refresh_token).not.toBe(again.refresh_token);
});

it('rejects a rotated refresh token reused after the grace and revokes the whole grant', async () => {
  const { tokens } = await signInWithPhone(logto, client, '+819012340003');
  const usedAt = Date.now();
  const rotated = await client.refresh(tokens.refresh_token!);
  await waitUntil(usedAt + GRACE_SECONDS * 1000 + 100);

  await expect(client.refresh(tokens.refresh_token!)).rejects.toMatchObject({
    error: 'invalid_grant',
  });
  // The reuse looks like theft: the newest refresh token of that grant dies too.
  await expect(client.refresh(rotated.refresh_token!)).rejects.toMatchObject({
    error: 'invalid_grant',
  });
  const introspection = await client.introspect(rotated.access_token!);
  expect(introspection.active).toBe(false);
});

it('revokes a refresh token at the revocation endpoint', async () => {
  const { tokens } = await signInWithPhone(logto, client, '+819012340004');
  await client.revoke(tokens.refresh_token!, 'refresh_token');
  await expect(client.refresh(tokens.refresh_token!)).rejects.toMatchObject({
    error: 'invalid_grant',
  });
});
