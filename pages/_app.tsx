import type { AppProps } from 'next/app';
import type { Session } from 'next-auth';
import { SessionProvider } from 'next-auth/react';
import { AuthGate } from '@/lib/components/AuthGate';
import { Layout } from '@/lib/components/Layout';
import '@/styles/globals.css';

/**
 * The app shell: one SessionProvider, the shared Layout, and the gate. A page is gated when its
 * `getServerSideProps` is `requireSession(…)`, which hands it the session: that one line is the
 * whole gate, on the server and in the browser (`AuthGate`, inside the Layout so the header
 * stays put while it decides).
 * @see https://next-auth.js.org/getting-started/client#sessionprovider
 */
export default function App({
  Component,
  pageProps: { session, ...pageProps },
}: AppProps<{ session?: Session }>) {
  const page = <Component {...pageProps} />;
  return (
    // why: gated pages get `session` from requireSession in getServerSideProps; seeding the
    // provider with it means the server render already shows the page, and the client does not
    // fetch /api/auth/session again on mount. Public pages pass nothing and fetch as usual.
    // Every refetch runs the jwt callback (and may refresh at Logto), so: no polling (an idle
    // tab should not keep refreshing tokens, nor keep a session alive on its own); refetch on
    // focus, so a person coming back to a tab learns at once when the session has ended, and
    // gets refreshed tokens when they are due (single-flight makes many tabs cost one refresh);
    // no refetch while offline, where it could only fail.
    <SessionProvider
      session={session}
      refetchInterval={0}
      refetchOnWindowFocus
      refetchWhenOffline={false}
    >
      <Layout>{session ? <AuthGate>{page}</AuthGate> : page}</Layout>
    </SessionProvider>
  );
}
