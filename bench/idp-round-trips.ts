/**
 * IdP requests and callback latency per warm sign-in: the guide's provider (plain `wellKnown`,
 * so next-auth discovers on every step) against ours, both on the real NextAuth handler, at an
 * MSW Logto stand-in that answers every request after an injected delay.
 */
import { performance } from 'node:perf_hooks';
import NextAuth, { type NextAuthOptions } from 'next-auth';
import { delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { buildAuthOptions } from '@/lib/auth/options';
import { LOGTO_SCOPES, mapLogtoProfile, type LogtoProfile } from '@/lib/auth/logto';
import { createMockLogto, type MockLogto } from '@bookstore/mock-logto';
import {
  Browser,
  allowLocalServers,
  startNextApiServer,
  type ApiRoutes,
} from '@bookstore/mock-logto/next-auth';

export const INJECTED_LATENCY_MS = 50;

export interface IdpResult {
  requests: number[];
  callbackMs: number[];
}

/** The provider as Logto's next-auth guide writes it, with our checks so only caching differs. */
function guideOptions(logto: MockLogto, base: NextAuthOptions): NextAuthOptions {
  return {
    ...base,
    providers: [
      {
        id: 'logto',
        name: 'Logto',
        type: 'oauth',
        wellKnown: `${logto.issuer}/.well-known/openid-configuration`,
        authorization: { params: { scope: LOGTO_SCOPES, prompt: 'consent' } },
        checks: ['pkce', 'state', 'nonce'],
        idToken: true,
        clientId: logto.clientId,
        clientSecret: logto.clientSecret,
        client: { id_token_signed_response_alg: 'ES384' },
        profile: (profile: LogtoProfile) => mapLogtoProfile(profile),
      },
    ],
  };
}

async function signInOnce(origin: string, logto: MockLogto) {
  const browser = new Browser(origin);
  const csrf = JSON.parse((await browser.request('/api/auth/csrf')).text) as { csrfToken: string };
  const signin = await browser.request('/api/auth/signin/logto', {
    form: { csrfToken: csrf.csrfToken, callbackUrl: `${origin}/books` },
  });
  if (!signin.location?.startsWith(`${logto.issuer}/auth?`)) {
    throw new Error(`sign-in did not reach Logto: ${signin.status} ${signin.location}`);
  }
  const callback = new URL(logto.approve(signin.location));
  const started = performance.now();
  const response = await browser.request(`${callback.pathname}${callback.search}`);
  const elapsed = performance.now() - started;
  if (!response.location?.endsWith('/books')) {
    throw new Error(`callback failed: ${response.status} ${response.location}`);
  }
  return elapsed;
}

/** Runs `rounds` warm sign-ins for each provider, alternating A (guide) and B (ours). */
export async function measureIdpRoundTrips(
  rounds: number,
): Promise<{ guide: IdpResult; ours: IdpResult }> {
  const logto = createMockLogto();
  const network = setupServer(
    allowLocalServers,
    // Every Logto request waits first; returning nothing hands it to the mock's own handler.
    http.all(`${logto.issuer}/*`, async () => {
      await delay(INJECTED_LATENCY_MS);
    }),
    ...logto.handlers,
  );
  network.listen({ onUnhandledFrame: 'error' });
  // One server (next-auth reads its origin from NEXTAUTH_URL), switching handlers per sign-in.
  const routes: ApiRoutes = {};
  const app = await startNextApiServer(routes);
  const env = (appUrl: string) => ({
    issuer: logto.issuer,
    clientId: logto.clientId,
    clientSecret: logto.clientSecret,
    appUrl,
    secret: 'bench-secret-bench-secret-bench-secret-0123',
  });
  const handlers = {
    guide: NextAuth(guideOptions(logto, buildAuthOptions(env(app.origin)))),
    ours: NextAuth(buildAuthOptions(env(app.origin))),
  };
  let active: keyof typeof handlers = 'guide';
  routes['/api/auth/[...nextauth]'] = (req, res) => handlers[active](req, res);
  const signInWith = (name: keyof typeof handlers) => {
    active = name;
    return signInOnce(app.origin, logto);
  };
  const results = {
    guide: { requests: [] as number[], callbackMs: [] as number[] },
    ours: { requests: [] as number[], callbackMs: [] as number[] },
  };
  try {
    // One cold sign-in each, so what follows is warm.
    await signInWith('guide');
    await signInWith('ours');
    for (let round = 0; round < rounds; round += 1) {
      for (const name of ['guide', 'ours'] as const) {
        logto.reset();
        const ms = await signInWith(name);
        const counted = logto.requests;
        results[name].requests.push(
          counted.discovery + counted.jwks + counted.token + counted.userinfo,
        );
        results[name].callbackMs.push(ms);
      }
    }
  } finally {
    await app.close();
    network.close();
  }
  return results;
}
