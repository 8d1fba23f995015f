/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, signInWithPhone } from '../../support/relying-party';

jest.setTimeout(90_000);

let dataDir: string;
let logto: LogtoLocalProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-keys-'));
});

afterAll(async () => {
  await logto?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function publishedKids(issuer: string): Promise<string[]> {
  const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
  return keys.map((key) => key.kid);
}

function rotateKeys(issuer: string, contentType = 'application/json') {
  return fetch(new URL('/dev/rotate-keys', issuer), {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: contentType === 'application/json' ? '{}' : 'go=1',
  });
}

it('rotates like Logto Console: the new key signs at once, the previous stays published, and both survive a restart', async () => {
  logto = await startLogtoLocal({ LOGTO_LOCAL_DATA_DIR: dataDir });
  const [original] = await publishedKids(logto.issuer);
  const client = await bookstoreClient(logto);
  const { tokens: before } = await signInWithPhone(logto, client, '+819012348881');
  expect(decodeProtectedHeader(before.id_token!).kid).toBe(original);

  const response = await rotateKeys(logto.issuer);
  expect(response.status).toBe(200);
  const { kids } = (await response.json()) as { kids: string[] };
  expect(kids).toHaveLength(2);
  expect(kids[1]).toBe(original);
  expect(await publishedKids(logto.issuer)).toEqual(kids);

  const rotatedClient = await bookstoreClient(logto);
  const { tokens: after } = await signInWithPhone(logto, rotatedClient, '+819012348881');
  expect(decodeProtectedHeader(after.id_token!).kid).toBe(kids[0]);
  expect(after.claims().sub).toBe(before.claims().sub);

  await logto.stop();
  logto = await startLogtoLocal({ LOGTO_LOCAL_DATA_DIR: dataDir });
  expect(await publishedKids(logto.issuer)).toEqual(kids);
});

it('publishes only the newest two keys after a second rotation', async () => {
  logto ??= await startLogtoLocal({ LOGTO_LOCAL_DATA_DIR: dataDir });
  const before = await publishedKids(logto.issuer);
  const { kids } = (await (await rotateKeys(logto.issuer)).json()) as { kids: string[] };
  expect(kids).toEqual([expect.any(String), before[0]]);
  expect(kids).not.toContain(before[1]);
});

it('refuses a rotation posted as a form, which another site could send', async () => {
  logto ??= await startLogtoLocal({ LOGTO_LOCAL_DATA_DIR: dataDir });
  const before = await publishedKids(logto.issuer);
  const response = await rotateKeys(logto.issuer, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(415);
  expect(await publishedKids(logto.issuer)).toEqual(before);
});
