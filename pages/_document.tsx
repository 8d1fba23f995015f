import { Component, type ContextType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Head, Html, Main, NextScript } from 'next/document';
import { documentPolicy, inlineScriptsIn } from '@/lib/security/document-policy';

/** What Next hands `<Head>` and `<NextScript>` to render this page's document. */
type DocumentContext = NonNullable<ContextType<typeof NextScript.contextType>>;

/**
 * The inline scripts Next writes into this page's document, read from Next's own `<Head>` and
 * `<NextScript>` rendered once more on their own, under the same document context: the
 * Turbopack bootstrap of `/_app` and the page in a production build, the hot-reload version
 * under `next dev`, `next/script` `beforeInteractive` scripts. The context comes from
 * `NextScript.contextType`, part of `next/document`'s exported types (checked on Next 16.4), so
 * no Next internals are imported. __tests__/lib/security/document-policy.test.tsx renders the
 * whole document and goes red if Next writes an inline script this does not see.
 */
function inlineScriptsOf(context: DocumentContext): string[] {
  const { Provider } = NextScript.contextType;
  return inlineScriptsIn(
    renderToStaticMarkup(
      // A record of its own, so this render does not mark the document's components as
      // rendered; no size limit, so Next's large-page-data warning is not printed twice.
      <Provider value={{ ...context, docComponentsRendered: {}, largePageDataBytes: undefined }}>
        <Head />
        <NextScript />
      </Provider>,
    ),
  );
}

/**
 * The page's Content-Security-Policy (lib/security/document-policy.ts) as a `<meta>`, first in
 * `<head>` so it governs every script after it. It reads the document context as `<Head>` does.
 */
export class ContentSecurityPolicyMeta extends Component {
  static contextType = NextScript.contextType;
  declare context: ContextType<typeof NextScript.contextType>;

  render() {
    const policy = documentPolicy({
      development: process.env.NODE_ENV === 'development',
      inlineScripts: this.context ? inlineScriptsOf(this.context) : [],
    });
    return <meta httpEquiv="Content-Security-Policy" content={policy} />;
  }
}

/**
 * With `i18n` in next.config.ts, Next sets `<html lang>` to the page's locale (`en` or `ja`)
 * itself, so screen readers pick the right voice; we add the theme colour, the icon, and the
 * page's Content-Security-Policy.
 * @see https://nextjs.org/docs/pages/guides/internationalization#search-engine-optimization
 * @see https://nextjs.org/docs/pages/building-your-application/routing/custom-document
 */
export default function Document() {
  return (
    <Html>
      <Head>
        <ContentSecurityPolicyMeta />
        <meta name="theme-color" content="#faf7f2" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
