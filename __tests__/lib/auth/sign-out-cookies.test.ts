/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createHash } from 'node:crypto';
import type { NextApiRequest, NextApiResponse } from 'next';
import { authCookieNames, clearSessionCookies } from '@/lib/auth/core/cookies';
import { isValidCsrfToken } from '@/lib/auth/core/csrf';

describe("next-auth's cookie names", () => {
  it('on https, the session cookie is __Secure- and the CSRF cookie __Host-', () => {
    expect(authCookieNames('https://bookstore.example.com')).toEqual({
      secure: true,
      sessionToken: '__Secure-next-auth.session-token',
      csrfToken: '__Host-next-auth.csrf-token',
    });
  });

  it('on http (development), they carry no prefix', () => {
    expect(authCookieNames('http://localhost:3000')).toEqual({
      secure: false,
      sessionToken: 'next-auth.session-token',
      csrfToken: 'next-auth.csrf-token',
    });
  });
});

describe('clearing the session cookie', () => {
  function cleared(appUrl: string, cookies: Record<string, string>): string[] {
    const headers: Record<string, unknown> = {};
    const res = {
      setHeader: (name: string, value: unknown) => void (headers[name] = value),
    } as unknown as NextApiResponse;
    clearSessionCookies({ cookies } as unknown as NextApiRequest, res, appUrl);
    return headers['Set-Cookie'] as string[];
  }

  it('on https, expires the __Secure- cookie and its chunks with Secure, and nothing else', () => {
    expect(
      cleared('https://bookstore.example.com', {
        '__Secure-next-auth.session-token.0': 'a',
        '__Secure-next-auth.session-token.1': 'b',
        '__Host-next-auth.csrf-token': 'c',
        'next-auth.session-token-other': 'd',
      }),
    ).toEqual(
      [
        '__Secure-next-auth.session-token',
        '__Secure-next-auth.session-token.0',
        '__Secure-next-auth.session-token.1',
      ].map(
        (name) =>
          `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax; Secure`,
      ),
    );
  });

  it('on http, expires the plain cookie without Secure, which the browser would otherwise ignore', () => {
    expect(cleared('http://localhost:3000', {})).toEqual([
      'next-auth.session-token=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    ]);
  });
});

describe("next-auth's double-submit CSRF token", () => {
  const secret = 's'.repeat(40);
  const signed = (token: string) =>
    `${token}|${createHash('sha256').update(`${token}${secret}`).digest('hex')}`;

  it('is accepted when the form posts the token the signed cookie holds', () => {
    expect(isValidCsrfToken(signed('abc123'), 'abc123', secret)).toBe(true);
  });

  it.each([
    ['no cookie', undefined, 'abc123'],
    ['an empty posted token', signed(''), ''],
    ['a posted token that is not text', signed('abc123'), ['abc123']],
    ['another token', signed('abc123'), 'abc124'],
    ['a cookie without its hash', 'abc123', 'abc123'],
    ['a cookie signed with another secret', `abc123|${'0'.repeat(64)}`, 'abc123'],
  ])('is refused with %s', (_, cookie, posted) => {
    expect(isValidCsrfToken(cookie, posted, secret)).toBe(false);
  });
});
