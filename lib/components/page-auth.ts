import type { NextPage } from 'next';

/**
 * A page that declares it is gated: `Page.auth = true` makes `_app` wrap it in `AuthGate`.
 * The server gate (`requireSession`) still runs; this one covers client-side navigation.
 * @see https://next-auth.js.org/getting-started/client#custom-client-session-handling
 */
export type GatedPage<P = object> = NextPage<P> & { auth?: boolean };
