import type { AppProps } from 'next/app';
import type { Session } from 'next-auth';
import { SessionProvider } from 'next-auth/react';
import { AuthGate } from '@/lib/components/AuthGate';
import { Layout } from '@/lib/components/Layout';
import type { GatedPage } from '@/lib/components/page-auth';
import '@/styles/globals.css';

type AppPropsWithSession = AppProps<{ session?: Session | null }> & {
  Component: AppProps['Component'] & Pick<GatedPage, 'auth'>;
};

/**
 * The app shell: one SessionProvider, the shared Layout, and the client gate for pages with
 * `Page.auth = true` (inside the Layout, so the header stays put while the gate decides).
 * @see https://next-auth.js.org/getting-started/client#sessionprovider
 */
export default function App({
  Component,
  pageProps: { session, ...pageProps },
}: AppPropsWithSession) {
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
      <Layout>{Component.auth ? <AuthGate>{page}</AuthGate> : page}</Layout>
    </SessionProvider>
  );
}
