/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { custom, generators, type BaseClient } from 'openid-client';
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
