/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClientGuessLimit } from '@/logto-local/client-guess-limit';
import { createIdentifierLockout } from '@/logto-local/identifier-lockout';
import { createSendLimits } from '@/logto-local/send-limits';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '@/logto-local/store/database';
import { createAdapterFactory } from '@/logto-local/store/oidc-adapter';
import { createPurge } from '@/logto-local/store/purge';
import { createSignInProgressStore } from '@/logto-local/store/sign-in-progress';
import { createVerificationCodes } from '@/logto-local/verification-codes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const limits = {
  lockoutFailures: 100,
  lockoutDuration: 3600,
  numbersPerSignIn: 3,
  sendsPerIp: 30,
  failuresPerIp: 50,
  smsPerHour: 100,
};
const codes = { maxAttempts: 10, maxSendsPerWindow: 10, sendWindow: 600, resendCooldown: 59 };

let dataDir: string;
let db: DatabaseSync;
let clock: number;
const now = () => clock;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-purge-'));
  db = openDatabase(dataDir);
  clock = Date.UTC(2026, 0, 1);
});

afterEach(async () => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function rowCounts() {
  const tables = [
    'oidc_models',
    'sign_in_progress',
    'verification_records',
    'sms_sends',
    'identifier_failures',
    'client_failures',
  ];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    ]),
  );
}

/** What one unauthenticated visitor leaves behind: an interaction, its progress, a code, a send, a failure. */
async function abandonSignIn(uid: string, phone: string) {
  const Adapter = createAdapterFactory(db, { refreshReuseGrace: 3, now });
  await new Adapter('Interaction').upsert(uid, { uid }, 3600);
  createSignInProgressStore(db).save(uid, { phone, step: 'code', codeSentAt: clock });
  const lockout = createIdentifierLockout(db, limits, now);
  const verification = createVerificationCodes(
    db,
    { ttl: { verificationCode: 600 } as never, codes, testPhones: new Map() },
    { lockout, clientGuesses: createClientGuessLimit(db, limits, now) },
    now,
  );
  verification.issue(uid, phone, 'SignIn');
  createSendLimits(db, { codes, limits }, () => {}, now).reserve({
    interactionUid: uid,
    phone,
    clientIp: '203.0.113.7',
    billable: true,
  });
  verification.check(uid, phone, '000000', '203.0.113.7');
}

it('abandoned sign-ins do not pile up on disk: everything they stored goes once it expired', async () => {
  await abandonSignIn('abandoned-1', '+819077770001');
  await abandonSignIn('abandoned-2', '+819077770002');
  const purge = createPurge(db, { sendWindowSeconds: 600, now });

  clock += 2 * MINUTE;
  purge.purgeNow();
  expect(rowCounts()).toEqual({
    oidc_models: 2,
    sign_in_progress: 2,
    verification_records: 2,
    sms_sends: 2,
    identifier_failures: 2,
    client_failures: 2,
  });

  clock += 2 * HOUR;
  purge.purgeNow();
  expect(rowCounts()).toEqual({
    oidc_models: 0,
    sign_in_progress: 0,
    verification_records: 0,
    sms_sends: 0,
    identifier_failures: 0,
    client_failures: 0,
  });
});

it('keeps the sends of the last hour, which the hourly SMS cap reads', async () => {
  await abandonSignIn('recent', '+819077770003');
  const purge = createPurge(db, { sendWindowSeconds: 600, now });
  clock += 30 * MINUTE;
  purge.purgeNow();
  expect(rowCounts().sms_sends).toBe(1);
});
