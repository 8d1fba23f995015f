import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { writeCreateNextApp } from './create-next-app';
import { nextMajor, type Row } from './matrix';
import { projectVersion, REPO_ROOT } from './project-version';
import { readmeCopyPlan, readmeInstalls, readmeV5Move } from './readme-copy-steps';
import { runCommand } from './run-command';
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

/** What lib/auth needs at run time in the suites, besides Next, next-auth and React. */
const AUTH_RUNTIME = ['openid-client', 'jose', 'zod', 'libphonenumber-js', 'redis'];
/** What the Jest suites need: the project's own Jest setup (jest.config.ts, MSW, jsdom). */
const SUITE_TOOLS = [
  'msw',
  'jest',
  'jest-environment-jsdom',
  'jest-fixed-jsdom',
  'ts-node',
  '@types/jest',
  '@testing-library/jest-dom',
];

/**
 * The ESLint create-next-app adds (`--eslint`), which `next build` runs on Next 13–15: v8 with
 * `.eslintrc.json` up to Next 14, v9 with `eslint.config.mjs` from 15 (15 through FlatCompat).
 */
function templateLint(next: string): Record<string, string> {
  const major = nextMajor(next);
  if (major < 15) return { eslint: '8.57.1', 'eslint-config-next': next };
  return {
    eslint: projectVersion('eslint'),
    'eslint-config-next': next,
    ...(major === 15 ? { '@eslint/eslintrc': '3.3.7' } : {}),
  };
}

/** Rows that install the same versions share one install (and run in it one after another). */
export function installKey(row: Row): string {
  const { next, nextAuth, react, reactTypes, reactDomTypes, testTools } = row;
  return JSON.stringify({ next, nextAuth, react, reactTypes, reactDomTypes, testTools });
}

/** One package.json for all the rows of an install: each brings the tools it needs. */
function manifestFor(rows: Row[]) {
  const [first] = rows;
  if (!first) throw new Error('an install serves at least one row');
  const apps = rows.filter((row) => row.kind !== 'suites');
  const suites = rows.some((row) => row.kind === 'suites');
  // The apps install what README's copy steps say, and only that (next-auth at the row's version).
  const readme = apps.map((row) => readmeInstalls(row.stop ?? 'speed'));
  const readmeDependencies = readme
    .flatMap((installs) => installs.dependencies)
    .filter((name) => name !== 'next-auth');
  // The v4 → v5 rows move Auth.js v5 into place during the row (see applyV5Move below).
  const v5 = rows.some((row) => row.kind.startsWith('v4-to-v5'))
    ? { 'next-auth-v5': `npm:next-auth@${readmeV5Move().nextAuthVersion}` }
    : {};
  return {
    name: 'bookstore-compat',
    private: true,
    dependencies: {
      next: first.next,
      'next-auth': first.nextAuth,
      ...v5,
      react: first.react,
      'react-dom': first.react,
      ...(suites ? pinnedFromProject(AUTH_RUNTIME) : {}),
      ...pinnedFromProject(readmeDependencies),
    },
    devDependencies: {
      ...pinnedFromProject(['typescript', '@types/node']),
      ...pinnedFromProject(readme.flatMap((installs) => installs.dev)),
      '@types/react': first.reactTypes,
      '@types/react-dom': first.reactDomTypes,
      ...(apps.length > 0 ? templateLint(first.next) : {}),
      ...(suites ? pinnedFromProject(SUITE_TOOLS) : {}),
      ...first.testTools,
    },
  };
}

/**
 * Installs the packages for `rows` (all sharing one install key) once per set of versions, into
 * a folder keyed by its package.json. Suites also get the mocked Logto they sign in against,
 * installed from `kitTarball` (the packed @bookstore/mock-logto) on every run, as another team
 * installs it. Returns the folder; output goes to `logFile`.
 */
export async function install(rows: Row[], logFile: string, kitTarball?: string): Promise<string> {
  const manifest = `${JSON.stringify(manifestFor(rows), null, 2)}\n`;
  const key = createHash('sha256').update(manifest).digest('hex').slice(0, 10);
  const dir = path.join(CACHE_ROOT, `next-${rows[0]!.next}-next-auth-${rows[0]!.nextAuth}-${key}`);
  const npmInstall = async (args: string[]) => {
    const code = await runCommand('npm', ['install', '--no-audit', '--no-fund', ...args], {
      cwd: dir,
      logFile,
      timeoutMs: 15 * 60_000,
    });
    if (code !== 0) throw new Error(`npm install ${args.join(' ')} exited with ${code}`);
  };
  if (!existsSync(path.join(dir, '.installed'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), manifest);
    await npmInstall(['--ignore-scripts', '--no-package-lock']);
    writeFileSync(path.join(dir, '.installed'), new Date().toISOString());
  }
  if (kitTarball) await npmInstall(['--ignore-scripts', '--no-save', kitTarball]);
  return dir;
}

/**
 * What the suites rows run: lib/auth and its tests with the project's Jest config, and what
 * those tests load (the wiring, the routes, the dev defaults). Next 13.5's next/jest refuses a
 * project without a `pages` directory, and the integration suites drive the routes.
 */
const SUITE_FILES = [
  'lib/auth',
  'lib/phone.ts',
  'auth.ts',
  'logto-config/local-tenant.ts',
  'pages/api/auth/[...nextauth].ts',
  'pages/api/auth/federated-sign-out.ts',
  'pages/api/me.ts',
  ...AUTH_SUITE_FOLDERS,
  'support',
  'jest.config.ts',
  'tsconfig.json',
];

function copyFromRepo(file: string, dir: string) {
  cpSync(path.join(REPO_ROOT, file), path.join(dir, file), { recursive: true });
}

/**
 * Makes the row's own folder: the install's packages, hard-linked (a real folder, which
 * Turbopack needs, made in a moment and taking no space), and the row's sources. Rows that
 * share an install can then run side by side. App rows: create-next-app's template, then
 * README's copy steps (and App Router section) exactly as written. `next.config.mjs` from the
 * README is for Next 13.2–14, as it says; it replaces the template's next.config.
 */
export async function prepareRow(
  row: Row,
  label: string,
  installDir: string,
  logFile: string,
): Promise<string> {
  const dir = path.join(CACHE_ROOT, 'rows', label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(installDir, 'package.json'), path.join(dir, 'package.json'));
  const linked = await runCommand(
    'cp',
    ['-al', path.join(installDir, 'node_modules'), path.join(dir, 'node_modules')],
    { cwd: dir, logFile, timeoutMs: 5 * 60_000 },
  );
  if (linked !== 0) throw new Error(`could not link the packages of ${installDir}`);
  await writeSources(row, dir, logFile);
  return dir;
}

async function writeSources(row: Row, dir: string, logFile: string): Promise<void> {
  if (row.kind === 'suites') {
    for (const file of SUITE_FILES) copyFromRepo(file, dir);
    // The repo's node environment wraps Jest's for Stryker (npm run test:mutation), which the
    // copies do not install: they run Jest's own, which is what the wrapper is outside Stryker.
    writeFileSync(
      path.join(dir, NODE_ENVIRONMENT_FILE),
      "export { TestEnvironment as default } from 'jest-environment-node';\n",
    );
    return;
  }
  await writeCreateNextApp(row.createNextApp!, dir, CACHE_ROOT, logFile);
  // v4-to-v5 rows start from the app of all three steps (and App Router pages for
  // v4-to-v5-app-router), moved to v5 during the row.
  const appRouter = row.kind === 'app-router' || row.kind === 'v4-to-v5-app-router';
  for (const step of readmeCopyPlan(row.stop ?? 'speed', appRouter)) {
    if (step.kind === 'copy') {
      copyFromRepo(step.path, dir);
      continue;
    }
    if (step.path === 'next.config.mjs') {
      if (nextMajor(row.next) >= 15) continue;
      for (const name of readdirSync(dir).filter((entry) => entry.startsWith('next.config.'))) {
        rmSync(path.join(dir, name));
      }
    }
    mkdirSync(path.dirname(path.join(dir, step.path)), { recursive: true });
    writeFileSync(path.join(dir, step.path), step.content);
  }
}

/**
 * The row that moves this repository itself: a copy of what a clone holds (the files git tracks,
 * and new ones it does not ignore), installed as a person installs a clone, with `npm ci`.
 */
export async function prepareRepositoryRow(label: string, logFile: string): Promise<string> {
  const dir = path.join(CACHE_ROOT, 'rows', label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  for (const file of listed.split('\0').filter(Boolean)) {
    // A file deleted in the working tree and not yet committed is not in a clone either.
    if (existsSync(path.join(REPO_ROOT, file))) copyFromRepo(file, dir);
  }
  await npmIn(dir, ['ci'], logFile);
  return dir;
}

/** `npm <args>` in `dir`, as a person runs it there; throws when it fails. */
async function npmIn(dir: string, args: string[], logFile: string): Promise<void> {
  const code = await runCommand('npm', [...args, '--no-audit', '--no-fund'], {
    cwd: dir,
    logFile,
    timeoutMs: 15 * 60_000,
  });
  if (code !== 0) throw new Error(`npm ${args.join(' ')} exited with ${code}`);
}

/**
 * README's "Moving to Auth.js v5", applied to a row's app in `dir`: step 1's
 * `npm install next-auth@…`; step 2's deletions; step 3's files, copied at the same paths; the
 * files of its code blocks (next.config.ts). In a copy of this repository (`repository`), its
 * own step 1 run as written, its own auth.ts, and the line its next.config.ts gains.
 */
export async function applyV5Move(dir: string, logFile: string, repository = false): Promise<void> {
  const move = readmeV5Move();
  if (repository) await npmIn(dir, ['install', ...move.repository.install], logFile);
  else moveInstalledV5(dir, move.nextAuthVersion);
  for (const file of move.deletes) {
    if (!existsSync(path.join(dir, file)))
      throw new Error(`step 2 deletes ${file}, not in the app`);
    rmSync(path.join(dir, file), { recursive: true });
  }
  for (const folder of move.copies) {
    cpSync(path.join(REPO_ROOT, folder), dir, { recursive: true });
  }
  if (repository) {
    for (const [file, content] of move.repository.writes)
      writeFileSync(path.join(dir, file), content);
    addNextConfigLine(dir, move.repository.nextConfigObject, move.repository.nextConfigLine);
    return;
  }
  // next.config.ts replaces the template's next.config, whatever its extension.
  for (const [file, content] of move.writes) {
    if (file.startsWith('next.config.')) {
      for (const name of readdirSync(dir).filter((entry) => entry.startsWith('next.config.'))) {
        rmSync(path.join(dir, name));
      }
    }
    writeFileSync(path.join(dir, file), content);
  }
}

/**
 * Step 1 in an app of the copy steps: `npm install next-auth@<version>`, as the v5 the row's
 * install already holds (`next-auth-v5`, the same version) moved into `node_modules/next-auth`.
 */
function moveInstalledV5(dir: string, version: string): void {
  const modules = path.join(dir, 'node_modules');
  rmSync(path.join(modules, 'next-auth'), { recursive: true, force: true });
  renameSync(path.join(modules, 'next-auth-v5'), path.join(modules, 'next-auth'));
  const manifestFile = path.join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    dependencies: Record<string, string>;
  };
  manifest.dependencies['next-auth'] = version;
  delete manifest.dependencies['next-auth-v5'];
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `line` as the first property of the object `name` in the app's next.config.ts. */
function addNextConfigLine(dir: string, name: string, line: string): void {
  const file = path.join(dir, 'next.config.ts');
  const config = readFileSync(file, 'utf8');
  const opening = `const ${name}: NextConfig = {\n`;
  if (!config.includes(opening)) throw new Error(`next.config.ts has no "${opening.trim()}"`);
  writeFileSync(file, config.replace(opening, `${opening}  ${line}\n`));
}
