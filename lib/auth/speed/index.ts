import type { SpeedLayer } from '../core/logto-auth';
import { withCachedDiscovery } from './cached-discovery';
import { sharedIssuerMetadata } from './discovery';
import { sessionFromCookie } from './session-fast-path';
import { sessionTokenCodec, type SessionTokenOptions } from './session-token';

/**
 * The speed layer, applied in one place: `createLogtoAuth({ …, speed: speedLayer() })`. Without
 * it the app works the same, only slower. What it adds, each measured in `npm run bench`:
 * - one request to Logto per warm sign-in instead of four: the discovery document fetched once
 *   per process (./discovery.ts) and a provider that uses it (./cached-discovery.ts);
 * - a session read that decrypts the cookie once and sets none when nothing would change
 *   (./session-fast-path.ts), for the gates of both routers;
 * - next-auth's cookie format with the key derived once per secret, and cookies made with earlier
 *   secrets still read while `NEXTAUTH_SECRET` rotates (./session-token.ts).
 * @see ../../../README.md#what-a-session-read-costs
 */
export function speedLayer(options: SessionTokenOptions = {}): SpeedLayer {
  return {
    loadIssuerMetadata: (wellKnown) => sharedIssuerMetadata(wellKnown),
    provider: withCachedDiscovery,
    jwt: sessionTokenCodec(options),
    readFromCookie: (authOptions, sessionToken) => (cookies) =>
      sessionFromCookie(cookies, authOptions, sessionToken),
  };
}
