/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { custom, generators, type BaseClient } from 'openid-client';
import { openDatabase, type LocalDatabase } from '@/logto-local/store/database';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { signInByPhone } from '../../support/logto-local-sign-in';
import { bookstoreClient, REDIRECT_URI } from '../../support/relying-party';

jest.setTimeout(120_000);

/** Enough overlapping sign-ins to interleave every step, few enough for a busy two-core CI box. */
const CONCURRENT_SIGN_INS = 24;
const TEST_PHONE = '+15555550123';
const TEST_CODE = '424242';

let logto: LogtoLocalProcess;
let client: BaseClient;

beforeAll(async () => {
  // Correctness, not speed, is under test here (speed is `npm run bench`'s): openid-client's 3.5 s
  // default would turn a busy CI machine into a failure.
  custom.setHttpOptionsDefaults({ timeout: 60_000 });
  // One test number in every sign-in: its sends count like any number's, so raise the send limits.
  logto = await startLogtoLocal({
    LOGTO_LOCAL_TEST_PHONES: `${TEST_PHONE}=${TEST_CODE}`,
    LOGTO_LOCAL_SEND_LIMIT: String(CONCURRENT_SIGN_INS),
    LOGTO_LOCAL_IP_SEND_LIMIT: String(CONCURRENT_SIGN_INS),
  });
  client = await bookstoreClient(logto);
});

afterAll(async () => {
  await logto?.stop();
});

/** One full code flow (PKCE, state, nonce) through the phone pages, keeping the authorization code. */
async function signInKeepingCode() {
  const codeVerifier = generators.codeVerifier();
  const nonce = generators.nonce();
  const state = generators.state();
  const { callbackUrl } = await signInByPhone({
    authorizationUrl: client.authorizationUrl({
      scope: 'openid offline_access profile email phone',
      prompt: 'consent',
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      nonce,
      state,
    }),
    phone: TEST_PHONE,
    readCode: async () => TEST_CODE,
  });
  const params = client.callbackParams(callbackUrl.href);
  const tokens = await client.callback(REDIRECT_URI, params, {
    code_verifier: codeVerifier,
    nonce,
    state,
  });
  return { code: params.code, nonce, tokens };
}

it('completes overlapping sign-ins of one test number, each with its own code and tokens', async () => {
  const outcomes = await Promise.allSettled(
    Array.from({ length: CONCURRENT_SIGN_INS }, () => signInKeepingCode()),
  );

  const failures = outcomes
    .filter((outcome) => outcome.status === 'rejected')
    .map((outcome) => String(outcome.reason).split('\n')[0]);
  expect(failures).toEqual([]);

  const signIns = outcomes.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  const distinct = (values: unknown[]) => new Set(values).size;
  expect(distinct(signIns.map((signIn) => signIn.code))).toBe(CONCURRENT_SIGN_INS);
  expect(distinct(signIns.map((signIn) => signIn.tokens.access_token))).toBe(CONCURRENT_SIGN_INS);
  expect(distinct(signIns.map((signIn) => signIn.tokens.refresh_token))).toBe(CONCURRENT_SIGN_INS);
  // Each ID token answers its own request, not a neighbour's.
  expect(signIns.every((signIn) => signIn.tokens.claims().nonce === signIn.nonce)).toBe(true);
  // One number is one account, even when its first sign-ins race to create it.
  expect(distinct(signIns.map((signIn) => signIn.tokens.claims().sub))).toBe(1);
  expect(signIns[0]!.tokens.claims().phone_number).toBe(TEST_PHONE.slice(1));
});

describe('the flush that every response waits on', () => {
  let dataDir: string;
  let database: LocalDatabase;
  let flushes: { release: () => void }[];
  let restoreDatasync: () => void;

  const record = (phone: string) =>
    database.db
      .prepare('INSERT INTO identifier_failures (phone, failed_at) VALUES (?, ?)')
      .run(phone, 1);
  /** Lets the event loop run until `condition` holds (the flushes run on libuv's thread pool). */
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setImmediate(resolve));
  };

  beforeEach(async () => {
    // Hold each fdatasync of the write-ahead log until the test releases it, to watch who waits.
    flushes = [];
    const probe = await open(__filename, 'r');
    const handlePrototype = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const datasync = handlePrototype.datasync;
    handlePrototype.datasync = function held(this: unknown) {
      return new Promise<void>((resolve) => flushes.push({ release: resolve })).then(() =>
        datasync.call(this),
      );
    };
    restoreDatasync = () => {
      handlePrototype.datasync = datasync;
    };
    dataDir = mkdtempSync(path.join(tmpdir(), 'logto-local-durable-'));
    database = openDatabase(dataDir);
    const opened = database.durable();
    await until(() => flushes.length === 1);
    flushes[0]!.release();
    await opened;
    flushes = [];
  });

  afterEach(async () => {
    for (const flush of flushes) flush.release();
    await database.close();
    restoreDatasync();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('acknowledges overlapping writes after one shared flush of the write-ahead log', async () => {
    record('+15555550001');
    record('+15555550002');
    let acknowledged = 0;
    const waits = [database.durable(), database.durable(), database.durable()].map((wait) =>
      wait.then(() => (acknowledged += 1)),
    );
    await until(() => flushes.length === 1);
    expect(acknowledged).toBe(0);
    flushes[0]!.release();
    await Promise.all(waits);
    expect(acknowledged).toBe(3);
    expect(flushes).toHaveLength(1);
  });

  it('does not acknowledge a write with a flush that started before it', async () => {
    record('+15555550003');
    const first = database.durable();
    await until(() => flushes.length === 1);
    record('+15555550004');
    let secondDone = false;
    const second = database.durable().then(() => (secondDone = true));
    flushes[0]!.release();
    await first;
    await until(() => flushes.length === 2 || secondDone);
    expect(secondDone).toBe(false);
    flushes[1]!.release();
    await second;
    expect(secondDone).toBe(true);
  });

  it('answers at once, without a flush, when nothing was written since the last one', async () => {
    database.db.prepare('SELECT COUNT(*) FROM identifier_failures').get();
    let acknowledged = false;
    const wait = database.durable().then(() => (acknowledged = true));
    await until(() => acknowledged || flushes.length > 0);
    expect(flushes).toHaveLength(0);
    await wait;
  });
});
