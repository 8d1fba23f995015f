import { Head, Html, Main, NextScript, type DocumentProps } from 'next/document';
import { documentPolicy, inlineScriptsOf } from '@/lib/security/document-policy';

/**
 * With `i18n` in next.config.ts, Next sets `<html lang>` to the page's locale (`en` or `ja`)
 * itself, so screen readers pick the right voice; we add the theme colour, the icon, and the
 * page's Content-Security-Policy (lib/security/document-policy.ts), first in `<head>` so it
 * governs every script after it.
 * @see https://nextjs.org/docs/pages/guides/internationalization#search-engine-optimization
 * @see https://nextjs.org/docs/pages/building-your-application/routing/custom-document
 */
export default function Document(props: DocumentProps) {
  const policy = documentPolicy({
    development: process.env.NODE_ENV === 'development',
    inlineScripts: inlineScriptsOf(props),
  });
  return (
    <Html>
      <Head>
        <meta httpEquiv="Content-Security-Policy" content={policy} />
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
