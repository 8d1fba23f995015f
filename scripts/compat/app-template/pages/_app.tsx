import type { AppProps } from 'next/app';
import { SessionProvider } from 'next-auth/react';

/** The app shell a copier already has: one SessionProvider, fed by the gated page's props. */
export default function App({ Component, pageProps }: AppProps) {
  return (
    <SessionProvider session={pageProps.session}>
      <Component {...pageProps} />
    </SessionProvider>
  );
}
