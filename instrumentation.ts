/**
 * Fetches Logto's discovery document when the server starts, so the first sign-in after a deploy
 * or restart does not wait for it. Only the document is shared with the routes (plain JSON, see
 * lib/auth/discovery.ts); each route bundle loads the keys it needs once.
 * `warm()` never throws: with Logto down the app still serves and sign-in retries discovery.
 * @see https://nextjs.org/docs/pages/guides/instrumentation
 */
export async function register(): Promise<void> {
  // The imports sit inside the condition, not after an early return: Next 13 and 14 also bundle
  // this file for the edge runtime, and only a branch that is false there keeps openid-client
  // (node:crypto) out of that bundle.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getAuthEnv } = await import('./lib/auth/env');
    const { logtoDiscovery, wellKnownUrl } = await import('./lib/auth/discovery');
    void logtoDiscovery(wellKnownUrl(getAuthEnv().issuer)).warm();
  }
}
