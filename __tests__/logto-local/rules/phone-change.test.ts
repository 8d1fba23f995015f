/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// The change of number in-process, against logto-local's own SQLite schema and a hand-moved
// clock; ../account/change-phone.test.ts drives the same steps through the pages.
import { IDENTITY_PROOF_TTL_MS, createPhoneChange } from '@/logto-local/account/phone-change';
import {
  FLOW_TTL_SECONDS,
  createPhoneChangeFlows,
  type PhoneChangeFlow,
} from '@/logto-local/account/phone-change-flows';
import { createClientGuessLimit } from '@/logto-local/client-guess-limit';
import { createIdentifierLockout } from '@/logto-local/identifier-lockout';
import { createSendLimits } from '@/logto-local/send-limits';
import { createCodeSender } from '@/logto-local/sign-in/send-code';
import type { SmsRequest, SmsSender } from '@/logto-local/sms';
import { createUserStore } from '@/logto-local/store/users';
import { createVerificationCodes } from '@/logto-local/verification-codes';
import { manualClock, openScratchDatabase } from './scratch-database';

const OLD = '+819012340001';
const NEW = '+819012340002';
const requester = { clientIp: '127.0.0.1' };

let database: ReturnType<typeof openScratchDatabase>;
let clock: ReturnType<typeof manualClock>;
let sent: SmsRequest[];
let logged: string[];
let setup: ReturnType<typeof build>;

function build({ failuresPerIp = 50 } = {}) {
  const { db } = database;
  const lockout = createIdentifierLockout(
    db,
    { lockoutFailures: 100, lockoutDuration: 3600 },
    clock.now,
  );
  const codes = createVerificationCodes(
    db,
    {
      ttl: { verificationCode: 600 } as never,
      codes: { maxAttempts: 10 } as never,
      testPhones: new Map(),
    },
    { lockout, clientGuesses: createClientGuessLimit(db, { failuresPerIp }, clock.now) },
    clock.now,
  );
  const limits = createSendLimits(
    db,
    {
      codes: { sendWindow: 600, maxSendsPerWindow: 10, resendCooldown: 59 } as never,
      limits: { numbersPerSignIn: 3, sendsPerIp: 30, smsPerHour: 100 } as never,
    },
    () => {},
    clock.now,
  );
  const sms: SmsSender = {
    via: 'outbox',
    send: async (request) => {
      sent.push(request);
      return { ok: true, via: 'outbox' };
    },
  };
  const sendCode = createCodeSender({
    codes,
    limits,
    lockout,
    sms,
    mayDeliverTo: () => true,
    log: () => {},
  });
  const users = createUserStore(db);
  const flows = createPhoneChangeFlows(db, clock.now);
  const change = createPhoneChange({
    flows,
    codes,
    sendCode,
    users,
    log: (line) => logged.push(line),
    now: clock.now,
  });
  return { users, flows, change };
}

beforeEach(() => {
  database = openScratchDatabase();
  clock = manualClock(Date.now());
  sent = [];
  logged = [];
  setup = build();
});
afterEach(() => database.remove());

const codeTo = (phone: string) => [...sent].reverse().find((request) => request.to === phone)!.code;
const reread = (flow: PhoneChangeFlow) => setup.flows.find(flow.id)!;

/** An account on OLD with its current number proven; returns the flow at the new-number step. */
async function proven() {
  const user = setup.users.createWithPhone(OLD);
  const flow = setup.flows.start({
    accountId: user.id,
    sessionUid: 'session-1',
    returnTo: 'http://localhost:3000/account',
    locale: 'en',
  });
  await setup.change.sendToCurrent(flow, requester);
  expect(setup.change.verifyCurrent(reread(flow), codeTo(OLD), requester)).toEqual({
    kind: 'next',
  });
  return { user, flow: reread(flow) };
}

it('sends the current number a UserPermissionValidation code and the new one a BindNewIdentifier code', async () => {
  const { flow } = await proven();
  await setup.change.sendToNew(flow, NEW, requester);
  expect(sent.map(({ to, usageType }) => ({ to, usageType }))).toEqual([
    { to: OLD, usageType: 'UserPermissionValidation' },
    { to: NEW, usageType: 'BindNewIdentifier' },
  ]);
});

it('sends the new number its code at once, unhindered by the first code’s resend countdown', async () => {
  const { flow } = await proven();
  expect(await setup.change.sendToNew(flow, NEW, requester)).toEqual({ kind: 'next' });
  expect(reread(flow)).toMatchObject({ step: 'new-code', newPhone: NEW });
});

it('moves the account to the new number, keeping its id, and frees the old number', async () => {
  const { user, flow } = await proven();
  await setup.change.sendToNew(flow, NEW, requester);
  expect(setup.change.verifyNew(reread(flow), codeTo(NEW), requester)).toEqual({
    kind: 'changed',
    returnTo: 'http://localhost:3000/account',
  });
  expect(setup.users.findByPhone(NEW)?.id).toBe(user.id);
  expect(setup.users.findByPhone(OLD)).toBeUndefined();
  expect(setup.flows.find(flow.id)).toBeUndefined();
  expect(logged).toEqual([
    `logto-local: account ${user.id} changed its phone number from +81 90 **** 0001 to +81 90 **** 0002`,
  ]);
});

it('keeps the proof of the current number for just under 10 minutes', async () => {
  const { flow } = await proven();
  clock.advanceMs(IDENTITY_PROOF_TTL_MS - 1);
  expect(await setup.change.sendToNew(flow, NEW, requester)).toEqual({ kind: 'next' });
});

it('asks to verify the current number again once its proof is 10 minutes old', async () => {
  const { flow } = await proven();
  clock.advanceMs(IDENTITY_PROOF_TTL_MS);
  expect(await setup.change.sendToNew(flow, NEW, requester)).toEqual({
    kind: 'refused',
    status: 401,
    notice: 'Verification expired. Please verify your identity again.',
  });
  expect(reread(flow).step).toBe('verify');
  expect(sent.filter((request) => request.to === NEW)).toEqual([]);
});

it('does not change the number when the proof ran out between the new code and its entry', async () => {
  const { user, flow } = await proven();
  await setup.change.sendToNew(flow, NEW, requester);
  clock.advanceMs(IDENTITY_PROOF_TTL_MS);
  expect(setup.change.verifyNew(reread(flow), codeTo(NEW), requester)).toMatchObject({
    status: 401,
  });
  expect(setup.users.findById(user.id)?.phone).toBe(OLD);
});

it('refuses a number another account took after its code was sent, and asks for another', async () => {
  const { user, flow } = await proven();
  await setup.change.sendToNew(flow, NEW, requester);
  setup.users.createWithPhone(NEW);
  expect(setup.change.verifyNew(reread(flow), codeTo(NEW), requester)).toEqual({
    kind: 'refused',
    status: 422,
    notice: 'This phone number is associated with an existing account.',
  });
  expect(setup.users.findById(user.id)?.phone).toBe(OLD);
  expect(reread(flow)).toMatchObject({ step: 'new-number', newPhone: undefined });
});

it('does not take the current number’s code as the new number’s', async () => {
  const user = setup.users.createWithPhone(OLD);
  const flow = setup.flows.start({
    accountId: user.id,
    sessionUid: 'session-1',
    returnTo: undefined,
    locale: 'en',
  });
  await setup.change.sendToCurrent(flow, requester);
  const currentCode = codeTo(OLD);
  expect(
    setup.change.verifyNew({ ...reread(flow), newPhone: OLD }, currentCode, requester),
  ).toMatchObject({
    kind: 'refused',
  });
});

it('sends a resend to the number of the step it is on', async () => {
  const { flow } = await proven();
  await setup.change.sendToNew(flow, NEW, requester);
  clock.advanceSeconds(59);
  expect(await setup.change.resend(reread(flow), requester)).toEqual({ kind: 'next' });
  expect(sent.map((request) => request.to)).toEqual([OLD, NEW, NEW]);
});

it('refuses a resend before the countdown ends, saying how long to wait', async () => {
  const { flow } = await proven();
  await setup.change.sendToNew(flow, NEW, requester);
  clock.advanceSeconds(30);
  expect(await setup.change.resend(reread(flow), requester)).toEqual({
    kind: 'refused',
    status: 429,
    // The wait is counted on the real clock by the sign-in pages' wording.
    notice: expect.stringMatching(/^Wait \d+ s before asking for a new code\.$/),
    retryAfter: expect.any(Number),
  });
});

it('goes back to the new-number step for another number, keeping the proof and the countdown', async () => {
  const { flow } = await proven();
  await setup.change.sendToNew(flow, NEW, requester);
  expect(setup.change.useAnotherNumber(reread(flow))).toEqual({ kind: 'next' });
  expect(reread(flow)).toMatchObject({ step: 'new-number', newPhone: undefined });
  // As on the sign-in pages: another number is one more send of the same step.
  expect(await setup.change.sendToNew(reread(flow), '+819012340003', requester)).toMatchObject({
    status: 429,
  });
  clock.advanceSeconds(59);
  expect(await setup.change.sendToNew(reread(flow), '+819012340003', requester)).toEqual({
    kind: 'next',
  });
});

it('forgets a flow after an hour', async () => {
  const { flow } = await proven();
  clock.advanceSeconds(FLOW_TTL_SECONDS - 1);
  expect(setup.flows.find(flow.id)).toBeDefined();
  clock.advanceSeconds(1);
  expect(setup.flows.find(flow.id)).toBeUndefined();
});

it('keeps one change in progress per session: opening the page again starts over', async () => {
  const { user, flow } = await proven();
  const again = setup.flows.start({
    accountId: user.id,
    sessionUid: 'session-1',
    returnTo: undefined,
    locale: 'en',
  });
  expect(setup.flows.find(flow.id)).toBeUndefined();
  expect(setup.flows.find(again.id)).toMatchObject({ step: 'verify' });
});

/** A flow for a new account on `phone`, in `session`, at its first step. */
function startFor(phone: string, session = 'session-1') {
  const user = setup.users.createWithPhone(phone);
  const flow = setup.flows.start({
    accountId: user.id,
    sessionUid: session,
    returnTo: undefined,
    locale: 'en',
  });
  return { user, flow };
}

it('lets two people change their numbers at the same time without holding each other back', async () => {
  const first = startFor(OLD, 'session-1');
  const second = startFor('+819012340011', 'session-2');
  expect(await setup.change.sendToCurrent(first.flow, requester)).toEqual({ kind: 'next' });
  expect(await setup.change.sendToCurrent(second.flow, requester)).toEqual({ kind: 'next' });
  setup.change.verifyCurrent(reread(first.flow), codeTo(OLD), requester);
  setup.change.verifyCurrent(reread(second.flow), codeTo('+819012340011'), requester);
  expect(await setup.change.sendToNew(reread(first.flow), NEW, requester)).toEqual({
    kind: 'next',
  });
  expect(await setup.change.sendToNew(reread(second.flow), '+819012340012', requester)).toEqual({
    kind: 'next',
  });
});

it('holds no new number while the current one is being proven', async () => {
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  expect(reread(flow)).toMatchObject({ step: 'current-code', newPhone: undefined });
});

it('refuses the current number as the new one, and sends it nothing', async () => {
  const { flow } = await proven();
  expect(await setup.change.sendToNew(flow, OLD, requester)).toEqual({
    kind: 'refused',
    status: 400,
    notice: 'This is already your phone number. Enter the new one.',
  });
  expect(sent).toHaveLength(1);
});

it('resends to the current number from its code page once the countdown is over', async () => {
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  clock.advanceSeconds(59);
  expect(await setup.change.resend(reread(flow), requester)).toEqual({ kind: 'next' });
  expect(sent.map((request) => [request.to, request.usageType])).toEqual([
    [OLD, 'UserPermissionValidation'],
    [OLD, 'UserPermissionValidation'],
  ]);
});

it('sends nothing for a resend from a page without a code', async () => {
  const { flow } = await proven();
  expect(await setup.change.resend(flow, requester)).toEqual({ kind: 'next' });
  expect(sent).toHaveLength(1);
});

it('does not skip the proof when "another number" is asked for on the current number’s page', async () => {
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  expect(setup.change.useAnotherNumber(reread(flow))).toEqual({ kind: 'next' });
  expect(reread(flow).step).toBe('current-code');
});

it('takes a code typed with spaces', async () => {
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  const spaced = codeTo(OLD).replace(/(\d{3})(\d{3})/, '$1 $2');
  expect(setup.change.verifyCurrent(reread(flow), spaced, requester)).toEqual({ kind: 'next' });
});

it('asks for six digits for anything else, without counting a wrong try', async () => {
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  expect(setup.change.verifyCurrent(reread(flow), '12345', requester)).toEqual({
    kind: 'refused',
    status: 400,
    notice: 'Enter the 6 digits of the code we sent you.',
  });
  const wrong = codeTo(OLD) === '000000' ? '000001' : '000000';
  expect(setup.change.verifyCurrent(reread(flow), wrong, requester)).toMatchObject({
    notice: expect.stringContaining('(9 tries left)'),
  });
});

it('kills a code after ten wrong tries, as at sign-in', async () => {
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  const right = codeTo(OLD);
  const wrong = right === '000000' ? '000001' : '000000';
  for (let i = 0; i < 10; i++) setup.change.verifyCurrent(reread(flow), wrong, requester);
  expect(setup.change.verifyCurrent(reread(flow), right, requester)).toEqual({
    kind: 'refused',
    status: 400,
    notice: 'Too many wrong tries: this code no longer works. Ask for a new code.',
  });
});

it('says when a code has expired', async () => {
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  clock.advanceSeconds(600);
  expect(setup.change.verifyCurrent(reread(flow), codeTo(OLD), requester)).toEqual({
    kind: 'refused',
    status: 400,
    notice: 'This code has expired. Ask for a new code.',
  });
});

it('checks no code for a client that entered as many wrong codes as one client may', async () => {
  setup = build({ failuresPerIp: 1 });
  const { flow } = startFor(OLD);
  await setup.change.sendToCurrent(flow, requester);
  const right = codeTo(OLD);
  setup.change.verifyCurrent(reread(flow), right === '000000' ? '000001' : '000000', requester);
  expect(setup.change.verifyCurrent(reread(flow), right, requester)).toMatchObject({
    kind: 'refused',
    status: 429,
    retryAfter: expect.any(Number),
  });
});
