/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { Browser } from '@bookstore/mock-logto/next-auth';
import { APP_URL, openSignIn, submitStep } from '../../support/relying-party';
import { oneLogtoLocalPerFile } from './support/one-logto-local';

jest.setTimeout(60_000);

const local = oneLogtoLocalPerFile();

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

describe('Logto’s extra authorization parameters', () => {
  it('prefills the country and national number from login_hint and speaks Japanese for ui_locales=ja', async () => {
    const { page } = await openSignIn(local.logto, local.client, {
      login_hint: '+819012345678',
      first_screen: 'identifier:sign_in',
      identifier: 'phone',
      ui_locales: 'ja',
    });
    expect(page.response.status).toBe(200);
    expect(page.body).toContain('<html lang="ja">');
    expect(page.body).toMatch(/<option value="JP" selected>/);
    expect(page.body).toMatch(/<input id="phone" name="phone"[^>]*value="090-1234-5678"/);
    expect(page.body).toContain('<label for="phone">電話番号</label>');
  });

  it('labels the English phone input exactly "Phone number"', async () => {
    const { page } = await openSignIn(local.logto, local.client, {
      ui_locales: 'en',
      login_hint: '+15555550123',
    });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<label for="phone">Phone number</label>');
    expect(page.body).toMatch(/<option value="US" selected>/);
  });

  const ALL_HINTS = {
    login_hint: '+819012345678',
    first_screen: 'identifier:sign_in',
    identifier: 'phone',
    ui_locales: 'ja',
  };

  it.each([
    ['first_screen', 'identifier:sign-in'],
    ['interaction_mode', 'register'],
  ])('ignores all of them when %s is invalid (%s), as Logto does', async (name, value) => {
    const { page } = await openSignIn(local.logto, local.client, { ...ALL_HINTS, [name]: value });
    expect(page.response.status).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).not.toMatch(/<option value="JP" selected>/);
    expect(page.body).toMatch(/<input id="phone" name="phone"[^>]*value=""/);
  });

  it.each([
    ['identifier', 'phone sms'],
    ['ui_locales', 'ja_JP! ja'],
    ['direct_sign_in', 'google'],
    ['organization_id', 'org-1'],
    ['one_time_token', 'token-1'],
    ['google_one_tap_credential', 'not-a-jwt'],
  ])(
    'keeps the others when %s is unusual (%s), as Logto only checks first_screen and interaction_mode',
    async (name, value) => {
      const { page } = await openSignIn(local.logto, local.client, { ...ALL_HINTS, [name]: value });
      expect(page.response.status).toBe(200);
      expect(page.body).toContain('<html lang="ja">');
      expect(page.body).toMatch(/<input id="phone" name="phone"[^>]*value="090-1234-5678"/);
    },
  );

  it('keeps the others when login_hint is long, as Logto sets no length limit', async () => {
    const { page } = await openSignIn(local.logto, local.client, {
      ...ALL_HINTS,
      login_hint: '9'.repeat(300),
    });
    expect(page.response.status).toBe(200);
    expect(page.body).toContain('<html lang="ja">');
  });

  it("sends the Register template for interaction_mode=signUp, first_screen's older name", async () => {
    const { browser, page } = await openSignIn(local.logto, local.client, {
      interaction_mode: 'signUp',
    });
    await submitStep(local.logto, browser, page, 'phone', {
      country: 'JP',
      phone: '090-5555-0002',
    });
    const [entry] = (await local.logto.readOutbox()).filter((item) => item.to === '+819055550002');
    expect(entry).toMatchObject({ usageType: 'Register' });
  });

  it('sends the Register template when first_screen asks for registration', async () => {
    const { browser, page } = await openSignIn(local.logto, local.client, {
      first_screen: 'register',
    });
    await submitStep(local.logto, browser, page, 'phone', {
      country: 'JP',
      phone: '090-5555-0001',
    });
    const [entry] = await local.logto.readOutbox();
    expect(entry).toMatchObject({ to: '+819055550001', usageType: 'Register' });
  });
});

describe('bad input gets a clear 4xx, never a 500 or a stack trace', () => {
  it('explains a malformed phone number next to the field', async () => {
    const { browser, page } = await openSignIn(local.logto, local.client);
    const result = await submitStep(local.logto, browser, page, 'phone', {
      country: 'JP',
      phone: '12',
    });
    expect(result.response.status).toBe(400);
    expect(result.body).toMatch(
      /<p id="phone-error" class="error" role="alert"[^>]*>This phone number is too short/,
    );
    expect(result.body).toMatch(/aria-describedby="phone-hint phone-error" aria-invalid="true"/);
    expect(result.body).toMatch(/value="12"/);
  });

  it('refuses a code that is not six digits without using up a try', async () => {
    const { browser, page } = await openSignIn(local.logto, local.client);
    const codePage = await submitStep(local.logto, browser, page, 'phone', {
      country: 'JP',
      phone: '090-5555-0002',
    });
    const result = await submitStep(local.logto, browser, codePage, 'code', { code: '12ab' });
    expect(result.response.status).toBe(400);
    expect(result.body).toContain('Enter the 6 digits of the code we sent you.');
  });

  it('answers an oversized form with 413', async () => {
    const { browser, page } = await openSignIn(local.logto, local.client);
    const action = new URL(/action="([^"]*\/phone)"/.exec(page.body)![1]!, page.url);
    const response = await browser.request(action, {
      form: { country: 'JP', phone: '9'.repeat(20_000) },
    });
    expect(response.status).toBe(413);
    expect(response.text).toContain('The form is too large');
  });

  it('answers a form sent as JSON with 415', async () => {
    const { browser, page } = await openSignIn(local.logto, local.client);
    const action = new URL(/action="([^"]*\/phone)"/.exec(page.body)![1]!, page.url);
    const response = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: browser.cookieHeader(action) },
      body: '{"phone":"+819012345678"}',
    });
    expect(response.status).toBe(415);
  });

  it('answers a wrong HTTP method with 405', async () => {
    const { browser, page } = await openSignIn(local.logto, local.client);
    const action = new URL(/action="([^"]*\/phone)"/.exec(page.body)![1]!, page.url);
    const response = await browser.request(action, { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.text).toContain('PUT is not allowed here');
  });

  it('explains an unknown or expired interaction', async () => {
    const response = await new Browser(local.logto.origin).request(
      `${local.logto.origin}/interaction/not-a-real-interaction`,
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('This sign-in has expired or was already completed');
  });

  it('refuses to replay a finished interaction', async () => {
    const { browser: replayBrowser, page } = await openSignIn(local.logto, local.client);
    const codePage = await submitStep(local.logto, replayBrowser, page, 'phone', {
      country: 'JP',
      phone: '090-5555-0004',
    });
    const code = (await local.logto.readOutbox())[0]!.code;
    const offer = await submitStep(local.logto, replayBrowser, codePage, 'code', { code });
    const done = await submitStep(local.logto, replayBrowser, offer, 'register');
    expect(done.url.href).toMatch(/^http:\/\/localhost:3000\/api\/auth\/callback\/logto\?code=/);
    const replay = await submitStep(local.logto, replayBrowser, offer, 'register');
    expect(replay.response.status).toBe(400);
    expect(replay.body).toContain('This sign-in has expired or was already completed');
  });

  it("answers an unknown client with JSON in Logto's shape, even to a browser, as Logto does", async () => {
    const response = await new Browser(local.logto.origin).request(
      `${local.logto.issuer}/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${APP_URL}/x`)}`,
      { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(response.text) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: 'oidc.invalid_client',
      message: expect.any(String),
      error: 'invalid_client',
      error_description: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toMatch(STACK_TRACE);
  });

  it('answers an unregistered redirect_uri with code oidc.invalid_redirect_uri, as Logto does', async () => {
    const url = local.client.authorizationUrl({
      scope: 'openid',
      redirect_uri: 'https://evil.example/callback',
    });
    const response = await new Browser(local.logto.origin).request(url, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      code: 'oidc.invalid_redirect_uri',
      error: 'invalid_redirect_uri',
      message: expect.stringContaining('redirect_uri'),
    });
  });

  it('answers a garbage token request with a JSON 4xx', async () => {
    const response = await fetch(`${local.logto.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('bookstore-local:bookstore-local-secret').toString('base64')}`,
      },
      body: 'grant_type=authorization_code&code=nope&redirect_uri=x',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'oidc.invalid_grant',
      message: expect.any(String),
      error: 'invalid_grant',
    });
  });

  it('answers an oversized token request with a 4xx', async () => {
    const response = await fetch(`${local.logto.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=${'x'.repeat(2_000_000)}`,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers an unknown path with a 404 that points at discovery', async () => {
    const response = await fetch(`${local.logto.origin}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/oidc/.well-known/openid-configuration');
  });
});

describe('the dev outbox', () => {
  it('serves the messages as JSON and as an HTML page, newest first', async () => {
    const { browser, page } = await openSignIn(local.logto, local.client);
    await submitStep(local.logto, browser, page, 'phone', {
      country: 'JP',
      phone: '090-5555-0005',
    });
    const json = await (await fetch(`${local.logto.origin}/dev/sms.json`)).json();
    expect(json[0]).toMatchObject({ to: '+819055550005', usageType: 'SignIn' });
    const html = await fetch(`${local.logto.origin}/dev/sms`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain(json[0].code);
  });
});

it('lets the person cancel, sending the app access_denied', async () => {
  const { browser, page } = await openSignIn(local.logto, local.client);
  const result = await submitStep(local.logto, browser, page, 'abort');
  expect(result.url.origin).toBe(new URL(APP_URL).origin);
  expect(result.url.searchParams.get('error')).toBe('access_denied');
});
