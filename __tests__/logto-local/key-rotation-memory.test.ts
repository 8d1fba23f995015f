/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadLocalConfig } from '@/logto-local/config';
import { createLocalApp } from '@/logto-local/local-app';
import { openDatabase } from '@/logto-local/store/database';

jest.setTimeout(60_000);

// A collection on demand, so that what is still alive afterwards is what something still holds.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let dir: string;
let db: DatabaseSync;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'logto-local-rotations-'));
  db = openDatabase(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

// Rotations are counted, not timed: any number of them shows the bound; a leak shows in every one.
const ROTATIONS = 100;

it(`keeps two signing keys and one app after ${ROTATIONS} rotations: each rotation frees what it replaced`, async () => {
  jest.spyOn(console, 'log').mockImplementation(() => {});
  const app = await createLocalApp({
    config: loadLocalConfig({ LOGTO_LOCAL_DATA_DIR: dir }),
    db,
    issuer: 'http://localhost:3001/oidc',
    hosts: new Set(['localhost:3001']),
  });
  const replaced: WeakRef<object>[] = [];
  let kids: string[] = [];
  for (let rotation = 1; rotation <= ROTATIONS; rotation += 1) {
    replaced.push(new WeakRef(app.current()));
    kids = await app.rotateSigningKeys();
  }
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();

  const rows = db
    .prepare('SELECT kid FROM signing_keys')
    .all()
    .map((row) => row.kid);
  expect(kids).toHaveLength(2);
  expect(rows.sort()).toEqual([...kids].sort());
  expect(replaced.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
});
