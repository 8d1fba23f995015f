import type { AppProps } from 'next/app';
import type { Session } from 'next-auth';
import { SessionProvider } from 'next-auth/react';

type AppPropsWithSession = AppProps<{ session?: Session | null }>;

/**
 * `session={pageProps.session}` seeds the client from getServerSideProps, so a server-rendered
 * page does not fetch /api/auth/session again.
 */
export default function App({
  Component,
  pageProps: { session, ...pageProps },
}: AppPropsWithSession) {
  return (
    <SessionProvider session={session}>
      <Component {...pageProps} />
    </SessionProvider>
  );
}
