import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';
import { AuthConfigError, readAuthEnv } from './lib/auth/core/env';
import { SIGN_IN_ERROR_REDIRECT } from './lib/auth/core/error-redirect';
import { DEFAULT_LOCALE, LOCALES } from './lib/i18n/locales';
import { securityHeaders } from './lib/security/headers';

/**
 * Pages Router i18n: `en` is the default locale (no prefix), `ja` lives under `/ja`.
 * @see https://nextjs.org/docs/pages/guides/internationalization
 */
const baseConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next build` checks the types of the app alone, not of the tests and tools beside it, which
  // `npm run typecheck` checks; so an app moved to Auth.js v5 builds while they stay on v4.
  // @see https://nextjs.org/docs/app/api-reference/config/next-config-js/typescript
  typescript: { tsconfigPath: 'tsconfig.app.json' },
  i18n: {
    locales: [...LOCALES],
    defaultLocale: DEFAULT_LOCALE,
  },
  redirects: async () => [SIGN_IN_ERROR_REDIRECT],
};

/**
 * Checks auth configuration when a production server starts, so a misconfigured deploy stops
 * with one line naming the variable instead of answering 500 on every auth route. `next build`
 * runs in another phase and needs no secrets (CI builds without them).
 * @see https://nextjs.org/docs/pages/api-reference/config/next-config-js#phases
 */
export function createNextConfig(
  phase: string,
  env: Record<string, string | undefined> = process.env,
  exit: (code: number) => never = process.exit,
): NextConfig {
  if (phase === PHASE_PRODUCTION_SERVER) {
    try {
      readAuthEnv(env, 'production');
    } catch (error) {
      if (!(error instanceof AuthConfigError)) throw error;
      console.error(`[auth] Cannot start: ${error.message}`);
      exit(1);
    }
  }
  return {
    ...baseConfig,
    // `next build` writes these into its routes manifest and `next start` serves them from there,
    // so HSTS follows NEXTAUTH_URL as it is when the app is built.
    // @see https://nextjs.org/docs/pages/api-reference/config/next-config-js/headers
    headers: async () => [
      {
        source: '/:path*',
        headers: securityHeaders({ appUrl: env.NEXTAUTH_URL }),
      },
    ],
  };
}

export default function nextConfig(phase: string): NextConfig {
  return createNextConfig(phase);
}
