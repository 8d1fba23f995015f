import type { NextConfig } from 'next';

/**
 * Pages Router i18n: `en` is the default locale (no prefix), `ja` lives under `/ja`.
 * @see https://nextjs.org/docs/pages/guides/internationalization
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  i18n: {
    locales: ['en', 'ja'],
    defaultLocale: 'en',
  },
};

export default nextConfig;
