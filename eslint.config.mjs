import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.logto-local/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      '.stryker-tmp/**',
      'reports/**',
      'packages/*/dist/**',
    ],
  },
];

export default config;
