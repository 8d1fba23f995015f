import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { runCommand } from './run-command';
import { nextMajor, type Row } from './matrix';
import { projectVersion, REPO_ROOT } from './project-version';
import { AUTH_SUITE_FOLDERS, NODE_ENVIRONMENT_FILE } from '../../support/test-layout';

/**
 * Where the copies live: outside the repository, kept between runs so a rerun with the same
 * versions skips `npm install` (CI keeps ~/.cache between runs). BOOKSTORE_COMPAT_CACHE moves it.
 */
export const CACHE_ROOT =
  process.env.BOOKSTORE_COMPAT_CACHE ?? path.join(homedir(), '.cache', 'bookstore-compat');

function pinnedFromProject(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, projectVersion(name)]));
}

/** What lib/auth needs at run time, besides Next, next-auth and React. */
const AUTH_RUNTIME = ['openid-client', 'jose', 'zod', 'libphonenumber-js'];
/** What the Jest suites need: the project's own Jest setup (jest.config.ts, MSW, jsdom). */
const SUITE_TOOLS = [
  'msw',
  'jest',
  'jest-environment-jsdom',
  'jest-fixed-jsdom',
  'ts-node',
  'typescript',
  '@types/node',
  '@types/jest',
  '@testing-library/jest-dom',
];
/** What `next build` type-checks with (`@logto/js`: the type of Logto's claims in logto.ts). */
const APP_TOOLS = ['typescript', '@types/node', '@logto/js'];

function manifestFor(row: Row) {
  return {
    name: `bookstore-compat-${row.kind}`,
    private: true,
    dependencies: {
      next: row.next,
      'next-auth': row.nextAuth,
      react: row.react,
      'react-dom': row.react,
      ...pinnedFromProject(AUTH_RUNTIME),
    },
    devDependencies: {
      ...pinnedFromProject(row.kind === 'suites' ? SUITE_TOOLS : APP_TOOLS),
      '@types/react': row.reactTypes,
      '@types/react-dom': row.reactDomTypes,
      ...row.testTools,
    },
  };
}

/**
 * The files a copy holds. Suites: lib/auth and its tests with the project's Jest config. App:
 * the minimal app a team that copies lib/auth has (see README, "Adopting this in an existing
 * app"): lib/auth, lib/phone.ts, the catch-all route, the federated sign-out route, /api/me,
 * instrumentation.ts, and from ./app-template a gated page and `_app` with SessionProvider.
 * Provider: the plain provider alone, with ./provider-template's catch-all route and gated page.
 */
const ROUTES = [
  'pages/api/auth/[...nextauth].ts',
  'pages/api/auth/federated-sign-out.ts',
  'pages/api/me.ts',
];
// Next 13.5's next/jest refuses a project without a `pages` directory, so the suites get the
// routes too (the integration suites drive them).
/** lib/auth/env.ts takes its development defaults from here. */
const LOCAL_TENANT = 'logto-config/local-tenant.ts';
const SUITE_FILES = [
  'lib/auth',
  'lib/phone.ts',
  LOCAL_TENANT,
  ...ROUTES,
  ...AUTH_SUITE_FOLDERS,
  'support',
  'jest.config.ts',
  'tsconfig.json',
];
const APP_FILES = ['lib/auth', 'lib/phone.ts', LOCAL_TENANT, ...ROUTES, 'instrumentation.ts'];
/** Step 1 of the copy order: the provider and the modules it imports, nothing else. */
const PROVIDER_FILES = ['lib/auth/logto.ts', 'lib/auth/id-token-alg.ts', 'lib/phone.ts'];
const FILES: Record<Row['kind'], string[]> = {
  suites: SUITE_FILES,
  app: APP_FILES,
  provider: PROVIDER_FILES,
};
/**
 * Left out of the app copy: the app's redirect of next-auth's sign-in errors, which only the
 * app's own next.config.ts reads; the copy gets its own next.config (nextConfigFor, below).
 */
const APP_EXCLUDED = new Set(['lib/auth/error-redirect.ts']);

/**
 * next.config for the copy. `next.config.ts` is read only from Next 15, so older majors get
 * `next.config.js`; Next 13.2–14 run `instrumentation.ts` only behind `experimental.instrumentationHook`.
 * @see https://nextjs.org/docs/14/app/building-your-application/optimizing/instrumentation
 */
export function nextConfigFor(nextVersion: string): string {
  const experimental =
    nextMajor(nextVersion) < 15 ? '\n  experimental: { instrumentationHook: true },' : '';
  return `/** @type {import('next').NextConfig} */\nmodule.exports = {\n  reactStrictMode: true,${experimental}\n};\n`;
}

/** The project's tsconfig without the test-only types, for `next build`. */
function appTsconfig(): string {
  const tsconfig = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
    exclude?: string[];
  };
  tsconfig.compilerOptions.types = ['node'];
  tsconfig.exclude = ['node_modules', '.next'];
  return `${JSON.stringify(tsconfig, null, 2)}\n`;
}

export function rowLabel(row: Row): string {
  return `${row.kind}-next-${row.next}-next-auth-${row.nextAuth}`;
}

/**
 * Makes (or reuses) the copy for `row`: installs its packages once per set of versions, then
 * puts fresh sources in. The suites also get the mocked Logto they sign in against, installed
 * from `kitTarball` (the packed @bookstore/mock-logto) as another team installs it. Returns its
 * directory; install output goes to `logFile`.
 */
export async function prepareWorkspace(
  row: Row,
  logFile: string,
  kitTarball?: string,
): Promise<string> {
  const manifest = `${JSON.stringify(manifestFor(row), null, 2)}\n`;
  const key = createHash('sha256').update(manifest).digest('hex').slice(0, 10);
  const dir = path.join(CACHE_ROOT, `${rowLabel(row)}-${key}`);
  const installed = path.join(dir, '.installed');
  if (!existsSync(installed)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), manifest);
    const code = await runCommand(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'],
      { cwd: dir, logFile, timeoutMs: 15 * 60_000 },
    );
    if (code !== 0) throw new Error(`npm install exited with ${code}`);
    writeFileSync(installed, new Date().toISOString());
  }
  if (row.kind === 'suites') {
    if (!kitTarball) throw new Error('the suites need the packed @bookstore/mock-logto');
    const code = await runCommand(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', kitTarball],
      { cwd: dir, logFile, timeoutMs: 5 * 60_000 },
    );
    if (code !== 0) throw new Error(`npm install of the mocked Logto exited with ${code}`);
  }

  for (const entry of [
    'lib',
    'logto-config',
    'pages',
    '__tests__',
    'support',
    '.next',
    'instrumentation.ts',
  ]) {
    rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  for (const file of FILES[row.kind]) {
    cpSync(path.join(REPO_ROOT, file), path.join(dir, file), {
      recursive: true,
      filter: (source) =>
        row.kind === 'suites' || !APP_EXCLUDED.has(path.relative(REPO_ROOT, source)),
    });
  }
  if (row.kind === 'suites') {
    // The repo's node environment wraps Jest's for Stryker (npm run test:mutation), which the
    // copies do not install: they run Jest's own, which is what the wrapper is outside Stryker.
    writeFileSync(
      path.join(dir, NODE_ENVIRONMENT_FILE),
      "export { TestEnvironment as default } from 'jest-environment-node';\n",
    );
  } else {
    cpSync(path.join(__dirname, `${row.kind}-template`), dir, { recursive: true });
    writeFileSync(path.join(dir, 'next.config.js'), nextConfigFor(row.next));
    writeFileSync(path.join(dir, 'tsconfig.json'), appTsconfig());
  }
  return dir;
}
