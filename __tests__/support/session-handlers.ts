/**
 * MSW handlers answering next-auth's client endpoints (`/api/auth/*`) the way the real
 * NextAuth route does, in the manner of next-auth v4's own client tests. Pages under test use a
 * real `SessionProvider` and a real `signIn`; only the network is fake.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/tests/client.test.js
 */
import type { Session } from 'next-auth';
import { http, HttpResponse } from 'msw';

/** A signed-in person as `/api/auth/session` returns them; override any field per test. */
export function aSession(
  overrides: Omit<Partial<Session>, 'user'> & { user?: Partial<Session['user']> } = {},
) {
  const { user, ...rest } = overrides;
  const session: Session = {
    user: {
      id: 'u1a2b3c4d5e6',
      name: 'Hanako Yamada',
      email: null,
      image: null,
      phoneNumber: '+819012345678',
      phoneNumberVerified: true,
      ...user,
    },
    expires: '2030-01-02T03:04:05.000Z',
    error: null,
    ...rest,
  };
  return session;
}

/** `/api/auth/session` answering with this session, or `{}` (next-auth's "signed out"). */
export function sessionHandler(session: Session | null) {
  return http.get('*/api/auth/session', () => HttpResponse.json(session ?? {}));
}

/**
 * `/api/auth/session` that does not answer until `release()` is called, to see the loading state.
 * Call `release()` in the test (or `afterEach`) so no request is left hanging.
 */
export function pendingSessionHandler() {
  let release: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handler = http.get('*/api/auth/session', async () => {
    await answered;
    return HttpResponse.json({});
  });
  return { handler, release: () => release() };
}

export const CSRF_TOKEN = 'test-csrf-token';

/**
 * Where the sign-in POST says to go. A fragment, so jsdom applies the change (it cannot follow a
 * real navigation) and a test can read it from `window.location.href`.
 */
export const LOGTO_AUTHORIZE_URL = 'http://localhost/#logto-authorize';

/** What the sign-in POST carried: its query (the authorization params) and its form body. */
export interface SignInRequest {
  provider: string;
  authorizationParams: Record<string, string>;
  body: Record<string, string>;
}

/**
 * csrf, providers and `POST /api/auth/signin/:provider`, recording each sign-in request.
 * The POST answers with a Logto-like authorize URL, as next-auth does with `json: true`.
 */
export function signInHandlers() {
  const requests: SignInRequest[] = [];
  const handlers = [
    http.get('*/api/auth/csrf', () => HttpResponse.json({ csrfToken: CSRF_TOKEN })),
    http.get('*/api/auth/providers', () =>
      HttpResponse.json({
        logto: {
          id: 'logto',
          name: 'Logto',
          type: 'oauth',
          signinUrl: 'http://localhost/api/auth/signin/logto',
          callbackUrl: 'http://localhost/api/auth/callback/logto',
        },
      }),
    ),
    http.post('*/api/auth/signin/:provider', async ({ request, params }) => {
      const url = new URL(request.url);
      const form = new URLSearchParams(await request.text());
      requests.push({
        provider: String(params.provider),
        authorizationParams: Object.fromEntries(url.searchParams),
        body: Object.fromEntries(form),
      });
      return HttpResponse.json({ url: LOGTO_AUTHORIZE_URL });
    }),
  ];
  return { handlers, requests };
}
