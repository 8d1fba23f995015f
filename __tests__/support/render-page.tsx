/**
 * Renders a page the way Next does: through the real `pages/_app` (SessionProvider, Layout and
 * the AuthGate), inside a router context we control. No `next/router` module mock is needed:
 * `useRouter()` and `next/link` both read this context.
 */
import { render } from '@testing-library/react';
import type { NextRouter } from 'next/router';
import { RouterContext } from './router-context';
import type { Session } from 'next-auth';
import type { ComponentType } from 'react';
import App from '@/pages/_app';

// `next build` inlines this flag when next.config.ts has `i18n`; only then does `next/link` add
// the locale prefix (`/ja/books`). Set it so links render here as they do in the app.
process.env.__NEXT_I18N_SUPPORT = 'true';

export type TestRouter = NextRouter & {
  push: jest.Mock;
  replace: jest.Mock;
  prefetch: jest.Mock;
};

/** A router on `asPath` in `locale`; `push`/`replace` are spies that resolve. */
export function aRouter(overrides: Partial<NextRouter> = {}): TestRouter {
  const asPath = overrides.asPath ?? '/';
  const [pathname = '/'] = asPath.split('?');
  return {
    basePath: '',
    pathname: overrides.pathname ?? pathname,
    route: overrides.pathname ?? pathname,
    query: {},
    asPath,
    locale: 'en',
    locales: ['en', 'ja'],
    defaultLocale: 'en',
    isReady: true,
    isFallback: false,
    isPreview: false,
    isLocaleDomain: false,
    back: jest.fn(),
    forward: jest.fn(),
    reload: jest.fn(),
    beforePopState: jest.fn(),
    events: { on: jest.fn(), off: jest.fn(), emit: jest.fn() },
    ...overrides,
    push: jest.fn().mockResolvedValue(true),
    replace: jest.fn().mockResolvedValue(true),
    prefetch: jest.fn().mockResolvedValue(undefined),
  };
}

export interface RenderPageOptions {
  router?: Partial<NextRouter>;
  /** What getServerSideProps returned; `session` seeds the SessionProvider as in production. */
  pageProps?: Record<string, unknown> & { session?: Session | null };
}

/** Renders `Page` through `_app`; returns Testing Library's result and the router spies. */
export function renderPage<P extends object>(
  Page: ComponentType<P> & { auth?: boolean },
  { router: routerOverrides, pageProps = {} }: RenderPageOptions = {},
) {
  const router = aRouter(routerOverrides);
  const AppComponent = App as unknown as ComponentType<{
    Component: typeof Page;
    pageProps: typeof pageProps;
    router: NextRouter;
  }>;
  const result = render(
    <RouterContext.Provider value={router}>
      <AppComponent Component={Page} pageProps={pageProps} router={router} />
    </RouterContext.Provider>,
  );
  return { ...result, router };
}
