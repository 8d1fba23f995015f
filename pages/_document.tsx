import { Head, Html, Main, NextScript } from 'next/document';

/**
 * With `i18n` in next.config.ts, Next sets `<html lang>` to the page's locale (`en` or `ja`)
 * itself, so screen readers pick the right voice; we only add the theme colour and the icon.
 * @see https://nextjs.org/docs/pages/guides/internationalization#search-engine-optimization
 */
export default function Document() {
  return (
    <Html>
      <Head>
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
