/**
 * @jest-environment node
 */
import { startLogtoLocal, type LogtoLocalProcess } from '../support/logto-local-process';
import { bookstoreClient, signInWithPhone } from './support/relying-party';

jest.setTimeout(60_000);

let logto: LogtoLocalProcess;

afterEach(async () => {
  await logto?.stop();
});

it('uses Logto’s lifetimes by default: ID and access token 1 hour, refresh token 14 days', async () => {
  logto = await startLogtoLocal();
  const client = await bookstoreClient(logto);
  const { tokens } = await signInWithPhone(logto, client, '+819012349001');
  const claims = tokens.claims();
  expect(claims.exp - claims.iat).toBe(3600);
  expect(tokens.expires_in).toBeGreaterThanOrEqual(3599);
  const introspection = await client.introspect(tokens.refresh_token!, 'refresh_token');
  expect(introspection.exp! - introspection.iat!).toBe(14 * 24 * 3600);
});

it('lets env override each lifetime in seconds', async () => {
  logto = await startLogtoLocal({
    LOGTO_LOCAL_ID_TOKEN_TTL: '120',
    LOGTO_LOCAL_ACCESS_TOKEN_TTL: '60',
    LOGTO_LOCAL_REFRESH_TOKEN_TTL: '300',
  });
  const client = await bookstoreClient(logto);
  const { tokens } = await signInWithPhone(logto, client, '+819012349002');
  const claims = tokens.claims();
  expect(claims.exp - claims.iat).toBe(120);
  expect(tokens.expires_in).toBeLessThanOrEqual(60);
  const introspection = await client.introspect(tokens.refresh_token!, 'refresh_token');
  expect(introspection.exp! - introspection.iat!).toBe(300);
});
