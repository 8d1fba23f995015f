/**
 * Fetches Logto's discovery document when the server starts (part of lib/auth's speed layer), so
 * the first sign-in after a deploy or restart does not wait for it. Only the document is shared
 * with the routes (plain JSON, see lib/auth/speed/discovery.ts); each route bundle loads the keys
 * it needs once. It never throws: with Logto down the app still serves and sign-in retries.
 * @see https://nextjs.org/docs/pages/guides/instrumentation
 */
export async function register(): Promise<void> {
  // The imports sit inside the condition, not after an early return: Next 13 and 14 also bundle
  // this file for the edge runtime, and only a branch that is false there keeps openid-client
  // (node:crypto) out of that bundle.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { env } = await import('./auth');
    const { warmLogtoDiscovery } = await import('./lib/auth/speed/discovery');
    void warmLogtoDiscovery(env.issuer);
  }
}
