/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, openSignIn, submitStep } from '../../support/relying-party';

jest.setTimeout(60_000);

let dataDir: string;
let logto: LogtoLocalProcess;

beforeAll(async () => {
  // A data dir as an older logto-local left it: world-readable dir and database.
  dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-files-'));
  chmodSync(dataDir, 0o755);
  writeFileSync(path.join(dataDir, 'logto-local.sqlite'), '');
  chmodSync(path.join(dataDir, 'logto-local.sqlite'), 0o644);
  logto = await startLogtoLocal({
    LOGTO_LOCAL_DATA_DIR: dataDir,
    LOGTO_LOCAL_CODE_TTL: '1',
    LOGTO_LOCAL_PURGE_INTERVAL: '1',
  });
});

afterAll(async () => {
  await logto?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps the signing key, codes and tokens unreadable by other local users', async () => {
  const client = await bookstoreClient(logto);
  const { browser, page } = await openSignIn(logto, client);
  await submitStep(logto, browser, page, 'phone', { country: 'JP', phone: '090-6666-0001' });
  expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  const files = readdirSync(dataDir);
  expect(files).toEqual(expect.arrayContaining(['logto-local.sqlite', 'logto-local.sqlite-wal']));
  for (const file of files) {
    expect([file, statSync(path.join(dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
  }
});

it('purges expired codes on a timer while it runs, not only at start', async () => {
  const client = await bookstoreClient(logto);
  const { browser, page } = await openSignIn(logto, client);
  await submitStep(logto, browser, page, 'phone', { country: 'JP', phone: '090-6666-0002' });
  const countCodes = () => {
    const db = new DatabaseSync(path.join(dataDir, 'logto-local.sqlite'), { readOnly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM verification_records').get() as { n: number })
        .n;
    } finally {
      db.close();
    }
  };
  expect(countCodes()).toBeGreaterThan(0);
  // Codes live 1 s and the purge runs every second: give it a few rounds on a busy machine.
  const deadline = Date.now() + 20_000;
  while (countCodes() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(countCodes()).toBe(0);
});
