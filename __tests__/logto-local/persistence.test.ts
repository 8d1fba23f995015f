/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  runLogtoLocalExpectingExit,
  startLogtoLocal,
  type LogtoLocalProcess,
} from '../../support/logto-local-process';
import { signInsThroughAKill } from '../../support/logto-local-crash';
import { bookstoreClient, signInWithPhone } from '../../support/relying-party';

jest.setTimeout(90_000);

let dataDir: string;
let logto: LogtoLocalProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-persist-'));
});

afterAll(async () => {
  await logto?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function jwksKid(issuer: string): Promise<string> {
  const { keys } = await (await fetch(`${issuer}/jwks`)).json();
  return keys[0].kid;
}

it('keeps users, the signing key and refresh tokens across a restart', async () => {
  logto = await startLogtoLocal({ LOGTO_LOCAL_DATA_DIR: dataDir });
  const before = await bookstoreClient(logto);
  const { tokens } = await signInWithPhone(logto, before, '+819012347777');
  const kidBefore = await jwksKid(logto.issuer);
  await logto.stop();

  logto = await startLogtoLocal({ LOGTO_LOCAL_DATA_DIR: dataDir });
  expect(await jwksKid(logto.issuer)).toBe(kidBefore);
  // Port 0 gives the restarted process a new issuer; the refresh token and its grant must still be valid.
  const after = await bookstoreClient(logto);
  const refreshed = await after.refresh(tokens.refresh_token!);
  expect(refreshed.claims().sub).toBe(tokens.claims().sub);

  const { tokens: again } = await signInWithPhone(logto, after, '+819012347777');
  expect(again.claims().sub).toBe(tokens.claims().sub);
});

it('keeps every account and refresh token it acknowledged when killed with SIGKILL mid-burst', async () => {
  const crashDir = mkdtempSync(path.join(tmpdir(), 'logto-local-kill-'));
  try {
    const outcome = await signInsThroughAKill({ dataDir: crashDir, total: 12, killAfter: 6 });
    expect(outcome.acknowledged).toBeGreaterThanOrEqual(6);
    expect(outcome).toMatchObject({ usersLost: 0, refreshesLost: 0 });
  } finally {
    rmSync(crashDir, { recursive: true, force: true });
  }
});

it('refuses to start with NODE_ENV=production and says why', async () => {
  const { code, output } = await runLogtoLocalExpectingExit({ NODE_ENV: 'production' });
  expect(code).toBe(1);
  expect(output).toContain('logto-local refuses to start with NODE_ENV=production');
  expect(output).not.toContain('logto-local ready at');
});

it('refuses a malformed LOGTO_LOCAL_* variable with a message naming it', async () => {
  const { code, output } = await runLogtoLocalExpectingExit({
    LOGTO_LOCAL_TEST_PHONES: '+15555550100:424242',
  });
  expect(code).toBe(1);
  expect(output).toContain('LOGTO_LOCAL_TEST_PHONES must be a comma-separated list');
});
