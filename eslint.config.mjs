import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    // The kit apps' Jest configs are CommonJS, as Next's and ts-jest's guides write them.
    files: ['scripts/kit/apps/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
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
