/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { openSignIn, submitStep } from '../../support/relying-party';
import { oneLogtoLocalPerFile } from './support/one-logto-local';

// Each test uses its own number: the server and its per-number counts are shared.

jest.setTimeout(60_000);

const local = oneLogtoLocalPerFile();

/** One sign-in (a browser) that has sent a code to `national` (JP); returns its code page and code. */
async function signInAwaitingCode(national: string) {
  const { browser, page } = await openSignIn(local.logto, local.client);
  const codePage = await submitStep(local.logto, browser, page, 'phone', {
    country: 'JP',
    phone: national,
  });
  expect(codePage.response.status).toBe(200);
  const [newest] = await local.logto.readOutbox();
  return { browser, codePage, code: newest!.code };
}

function wrongCodeFor(...codes: string[]) {
  return ['000000', '111111', '222222'].find((candidate) => !codes.includes(candidate))!;
}

it("a stranger's send does not invalidate a person's pending code", async () => {
  const person = await signInAwaitingCode('090-3333-0001');
  await signInAwaitingCode('090-3333-0001');
  const verified = await submitStep(local.logto, person.browser, person.codePage, 'code', {
    code: person.code,
  });
  expect(verified.body).toContain('Create your account');
});

it("a stranger's ten wrong guesses do not lock a person's code", async () => {
  const person = await signInAwaitingCode('090-3333-0002');
  const stranger = await signInAwaitingCode('090-3333-0002');
  let page = stranger.codePage;
  for (let guess = 1; guess <= 10; guess += 1) {
    page = await submitStep(local.logto, stranger.browser, page, 'code', {
      code: wrongCodeFor(person.code, stranger.code),
    });
  }
  expect(page.body).toContain('Too many wrong tries');
  const verified = await submitStep(local.logto, person.browser, person.codePage, 'code', {
    code: person.code,
  });
  expect(verified.body).toContain('Create your account');
});

it('a code asked for in one sign-in is refused in another sign-in for the same number', async () => {
  const person = await signInAwaitingCode('090-3333-0003');
  const stranger = await signInAwaitingCode('090-3333-0003');
  // Two random codes match once in a million runs; then there is nothing to tell apart.
  if (person.code === stranger.code) return;
  const replayed = await submitStep(local.logto, stranger.browser, stranger.codePage, 'code', {
    code: person.code,
  });
  expect(replayed.response.status).toBe(400);
  expect(replayed.body).toContain('That code is not right');
});

it("strangers using up the number's sends do not stop a person's pending code", async () => {
  const person = await signInAwaitingCode('090-3333-0004');
  for (let send = 2; send <= 10; send += 1) await signInAwaitingCode('090-3333-0004');
  const { browser, page } = await openSignIn(local.logto, local.client);
  const refused = await submitStep(local.logto, browser, page, 'phone', {
    country: 'JP',
    phone: '090-3333-0004',
  });
  expect(refused.response.status).toBe(429);
  const verified = await submitStep(local.logto, person.browser, person.codePage, 'code', {
    code: person.code,
  });
  expect(verified.body).toContain('Create your account');
});
