import type { CookieToSet } from '@/lib/auth/core/app-request';

/**
 * What Next hands the App Router readers, for their tests: `next/headers` as a server component
 * sees it (a cookie store that throws on `set`) or as a route handler and a server action see it
 * (one that keeps what is set), and `redirect()` of `next/navigation`, which throws as Next's
 * does. A test file mocks both modules with these:
 *
 *   jest.mock('next/headers', () => jest.requireActual('../support/app-router-request').nextHeaders);
 */

/** A cookie the code under test set through `cookies().set()`. */
type CookieSet = CookieToSet;

/** The request `next/headers` shows the code under test; see {@link onAppRequest}. */
export const appRequest: { cookies: Record<string, string>; writable: boolean; set: CookieSet[] } =
  { cookies: {}, writable: false, set: [] };

/** A server component (`render`) or a route handler / server action (`handler`) on `cookies`. */
export function onAppRequest(where: 'render' | 'handler', cookies: Record<string, string>) {
  appRequest.cookies = cookies;
  appRequest.writable = where === 'handler';
  appRequest.set = [];
}

export const nextHeaders = {
  cookies: async () => ({
    getAll: () => Object.entries(appRequest.cookies).map(([name, value]) => ({ name, value })),
    set: (cookie: CookieSet) => {
      if (!appRequest.writable) {
        // What Next throws in a server component.
        throw new Error(
          'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options',
        );
      }
      appRequest.set.push(cookie);
    },
  }),
  headers: async () =>
    new Headers({
      host: 'localhost:3000',
      cookie: Object.entries(appRequest.cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
    }),
};

export class Redirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

export const nextNavigation = {
  redirect: (location: string) => {
    throw new Redirect(location);
  },
};

/** Where `action` redirected to, or `undefined` when it returned. */
export async function redirectOf(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    if (error instanceof Redirect) return error.location;
    throw error;
  }
}
