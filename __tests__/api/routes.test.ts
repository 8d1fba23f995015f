/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { encode, type JWT } from 'next-auth/jwt';
import { getAuthEnv } from '@/lib/auth/env';
import me from '@/pages/api/me';
import books from '@/pages/api/books';
import book from '@/pages/api/books/[id]';
import health from '@/pages/api/health';
import { Browser, startNextApiServer, type NextApiServer } from '@bookstore/mock-logto/next-auth';

let app: NextApiServer;

beforeAll(async () => {
  app = await startNextApiServer({
    '/api/me': me,
    '/api/books': books,
    '/api/books/[id]': book,
    '/api/health': health,
  });
});
afterAll(() => app.close());

const hanako: JWT = {
  sub: 'a1b2c3d4e5f6',
  name: 'Hanako Yamada',
  email: null,
  picture: null,
  phoneNumber: '+819012345678',
  phoneNumberVerified: true,
  accessToken: 'access-token-never-shown',
  refreshToken: 'refresh-token-never-shown',
  idToken: 'id-token-never-shown',
};

/** A browser holding a real encrypted session cookie, as next-auth would have set it. */
async function signedInBrowser(token: JWT = hanako): Promise<Browser> {
  const browser = new Browser(app.origin);
  const value = await encode({ token, secret: getAuthEnv().secret });
  browser.cookies.set('next-auth.session-token', {
    name: 'next-auth.session-token',
    value,
    attributes: {},
  });
  return browser;
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('GET /api/me', () => {
  it('answers 401 unauthorized without a session', async () => {
    const response = await new Browser(app.origin).request('/api/me');
    expect(response.status).toBe(401);
    expect(json(response.text)).toEqual({ error: 'unauthorized' });
  });

  it('answers with the signed-in person and no token', async () => {
    const response = await (await signedInBrowser()).request('/api/me');
    expect(response.status).toBe(200);
    expect(json(response.text)).toEqual({
      id: 'a1b2c3d4e5f6',
      name: 'Hanako Yamada',
      email: null,
      image: null,
      phoneNumber: '+819012345678',
      phoneNumberVerified: true,
    });
  });

  it('answers 401 session_expired when the tokens could not be refreshed', async () => {
    const browser = await signedInBrowser({ ...hanako, error: 'RefreshAccessTokenError' });
    const response = await browser.request('/api/me');
    expect(response.status).toBe(401);
    expect(json(response.text)).toEqual({ error: 'session_expired' });
  });

  it('refuses a cookie encrypted with another secret', async () => {
    const browser = new Browser(app.origin);
    const value = await encode({ token: hanako, secret: 'some-other-secret-some-other-secret' });
    browser.cookies.set('next-auth.session-token', {
      name: 'next-auth.session-token',
      value,
      attributes: {},
    });
    jest.spyOn(console, 'error').mockImplementation(() => {});
    expect((await browser.request('/api/me')).status).toBe(401);
  });

  it('answers 405 with Allow: GET to a POST, before looking at the session', async () => {
    const response = await new Browser(app.origin).request('/api/me', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(json(response.text).error).toBe('method_not_allowed');
  });
});

describe('GET /api/books', () => {
  it('answers 401 without a session', async () => {
    const response = await new Browser(app.origin).request('/api/books');
    expect(response.status).toBe(401);
    expect(json(response.text)).toEqual({ error: 'unauthorized' });
  });

  it('lists the catalogue priced in dollars by default', async () => {
    const response = await (await signedInBrowser()).request('/api/books');
    const body = json(response.text) as { locale: string; books: { id: string; price: string }[] };
    expect(response.status).toBe(200);
    expect(body.locale).toBe('en');
    expect(body.books).toHaveLength(12);
    expect(body.books.find((b) => b.id === 'kokoro')?.price).toBe('$11.99');
  });

  it('prices in yen for ?locale=ja', async () => {
    const response = await (await signedInBrowser()).request('/api/books?locale=ja');
    const body = json(response.text) as { books: { id: string; price: string }[] };
    expect(body.books.find((b) => b.id === 'kokoro')?.price).toBe('￥1,650');
  });

  it('prices in yen when Accept-Language prefers Japanese', async () => {
    const response = await (
      await signedInBrowser()
    ).request('/api/books', {
      headers: { 'accept-language': 'fr;q=0.9, ja-JP, en;q=0.5' },
    });
    expect(json(response.text).locale).toBe('ja');
  });

  it('explains an unsupported ?locale= with a 400', async () => {
    const response = await (await signedInBrowser()).request('/api/books?locale=fr');
    expect(response.status).toBe(400);
    expect(json(response.text).message).toBe('locale must be one of en, ja (got "fr").');
  });

  it('answers 405 with Allow: GET to a DELETE', async () => {
    const response = await (await signedInBrowser()).request('/api/books', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('GET /api/books/[id]', () => {
  it('answers 401 without a session', async () => {
    expect((await new Browser(app.origin).request('/api/books/kokoro')).status).toBe(401);
  });

  it('answers with one book', async () => {
    const response = await (await signedInBrowser()).request('/api/books/kokoro?locale=ja');
    expect(response.status).toBe(200);
    expect(json(response.text).book).toMatchObject({
      id: 'kokoro',
      title: 'Kokoro',
      price: '￥1,650',
    });
  });

  it('answers 404 JSON for an unknown id', async () => {
    const response = await (await signedInBrowser()).request('/api/books/no-such-book');
    expect(response.status).toBe(404);
    expect(json(response.text)).toEqual({
      error: 'not_found',
      message: 'No book has the id "no-such-book".',
    });
  });
});

describe('GET /api/health', () => {
  it('answers 200 {"ok":true} without a session', async () => {
    const response = await new Browser(app.origin).request('/api/health');
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"ok":true}');
  });

  it('answers 405 to a POST', async () => {
    const response = await new Browser(app.origin).request('/api/health', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
