/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, signInWithPhone } from '../../support/relying-party';

jest.setTimeout(60_000);

let withDefaults: LogtoLocalProcess;
let withOverrides: LogtoLocalProcess;

beforeAll(async () => {
  // Started together: each start is mostly waiting on its own process.
  [withDefaults, withOverrides] = await Promise.all([
    startLogtoLocal(),
    startLogtoLocal({
      LOGTO_LOCAL_ID_TOKEN_TTL: '120',
      LOGTO_LOCAL_ACCESS_TOKEN_TTL: '60',
      LOGTO_LOCAL_REFRESH_TOKEN_TTL: '300',
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([withDefaults?.stop(), withOverrides?.stop()]);
});

it('uses Logto’s lifetimes by default: ID and access token 1 hour, refresh token 14 days', async () => {
  const client = await bookstoreClient(withDefaults);
  const { tokens } = await signInWithPhone(withDefaults, client, '+819012349001');
  const claims = tokens.claims();
  expect(claims.exp - claims.iat).toBe(3600);
  expect(tokens.expires_in).toBeGreaterThanOrEqual(3599);
  const introspection = await client.introspect(tokens.refresh_token!, 'refresh_token');
  expect(introspection.exp! - introspection.iat!).toBe(14 * 24 * 3600);
});

it('lets env override each lifetime in seconds', async () => {
  const client = await bookstoreClient(withOverrides);
  const { tokens } = await signInWithPhone(withOverrides, client, '+819012349002');
  const claims = tokens.claims();
  expect(claims.exp - claims.iat).toBe(120);
  expect(tokens.expires_in).toBeLessThanOrEqual(60);
  const introspection = await client.introspect(tokens.refresh_token!, 'refresh_token');
  expect(introspection.exp! - introspection.iat!).toBe(300);
});
