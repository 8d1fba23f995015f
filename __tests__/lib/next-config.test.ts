/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants';
import { createNextConfig } from '@/next.config';

const complete = {
  AUTH_LOGTO_ISSUER: 'https://abcd12.logto.app/oidc',
  AUTH_LOGTO_ID: 'app-id',
  AUTH_LOGTO_SECRET: 'app-secret',
  NEXTAUTH_URL: 'https://bookstore.example.com',
  AUTH_SECRET: 'x'.repeat(44),
};

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
const exit = (code: number): never => {
  throw new Exit(code);
};

afterEach(() => jest.restoreAllMocks());

it('stops a production server with one line naming the missing variable', () => {
  const log = jest.spyOn(console, 'error').mockImplementation(() => {});
  expect(() =>
    createNextConfig(PHASE_PRODUCTION_SERVER, { ...complete, AUTH_LOGTO_SECRET: undefined }, exit),
  ).toThrow(new Exit(1));
  expect(log).toHaveBeenCalledTimes(1);
  expect(log).toHaveBeenCalledWith(
    '[auth] Cannot start: AUTH_LOGTO_SECRET is not set. It is required in production. See .env.local.example.',
  );
});

it('starts a production server whose configuration is complete', () => {
  expect(createNextConfig(PHASE_PRODUCTION_SERVER, complete, exit).i18n?.locales).toEqual([
    'en',
    'ja',
  ]);
});

it('builds without any auth variable, as CI does', () => {
  expect(createNextConfig(PHASE_PRODUCTION_BUILD, {}, exit).i18n?.defaultLocale).toBe('en');
});

it('redirects next-auth sign-in errors to the error page, keeping the query', async () => {
  const redirects = await createNextConfig(PHASE_PRODUCTION_BUILD, {}, exit).redirects!();
  expect(redirects).toContainEqual({
    source: '/signin',
    has: [{ type: 'query', key: 'error' }],
    destination: '/auth/error',
    permanent: false,
  });
});

describe('security headers', () => {
  async function headersFor(phase: string, env: Record<string, string | undefined>) {
    const rules = await createNextConfig(phase, env, exit).headers!();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.source).toBe('/:path*');
    return Object.fromEntries(rules[0]!.headers.map(({ key, value }) => [key, value]));
  }

  it('forbids framing by any origin, against clickjacking of sign-in', async () => {
    const headers = await headersFor(PHASE_PRODUCTION_BUILD, complete);
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headers['X-Frame-Options']).toBe('DENY');
  });

  it('sends HSTS when NEXTAUTH_URL is https, and not for plain http', async () => {
    expect((await headersFor(PHASE_PRODUCTION_BUILD, complete))['Strict-Transport-Security']).toBe(
      'max-age=63072000',
    );
    expect(
      (await headersFor(PHASE_PRODUCTION_BUILD, { NEXTAUTH_URL: 'http://localhost:3000' }))[
        'Strict-Transport-Security'
      ],
    ).toBeUndefined();
  });

  it('sends the referrer, sniffing and permissions policies', async () => {
    const headers = await headersFor(PHASE_PRODUCTION_BUILD, {});
    expect(headers).toMatchObject({
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Content-Type-Options': 'nosniff',
      'Permissions-Policy': expect.stringContaining('geolocation=()'),
    });
  });
});
