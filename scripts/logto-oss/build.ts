import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './command';
import { acquireLock } from './cache-lock';
import { assertRsyncInstalled } from './prerequisites';
import type { LogtoSource } from './source';

/**
 * Node 22 for Logto (`packages/core` requires ^22.14) and pnpm 10 (its `engines` field; the
 * source names no `packageManager`), installed from npm into the cache, never globally.
 */
const NODE_VERSION = '22.23.3';
const PNPM_VERSION = '10.34.9';

/**
 * The connectors the server links: the mocks (the SMS and email ones write each code to a file),
 * and Vonage and SMTP, whose factories `npm run logto:setup` configures. A connector added here
 * after a build is built on its own the next time (see {@link ensureConnectors}).
 */
export const LINKED_CONNECTORS = [
  'connector-mock-sms',
  'connector-mock-email',
  'connector-mock-social',
  'connector-vonage-sms',
  'connector-smtp',
];

/**
 * The packages built, with their workspace dependencies: the server, its CLI, the sign-in UI, the
 * prebuilt Account Center (`/account/...`, where a person changes their phone number) and the
 * linked connectors. Part of the cache key, so adding one builds anew.
 */
export const BUILT_PACKAGES = [
  '@logto/core',
  '@logto/cli',
  '@logto/experience',
  '@logto/account',
  ...LINKED_CONNECTORS.map((name) => `@logto/${name}`),
];

/** Packages core depends on that only serve the browser apps the suite never opens. */
const LEFT_OUT = ['@logto/console', '@logto/demo-app', '@logto/device-demo-app'];

/** Bumped whenever the steps below change what a build holds, so older builds are not reused. */
const RECIPE = 1;

/** The build's cache key: the source's hash, the recipe, and what is built. */
export function buildKey(source: Pick<LogtoSource, 'hash'>, packages = BUILT_PACKAGES): string {
  const built = createHash('sha256').update(packages.join('\n')).digest('hex').slice(0, 8);
  return `${source.hash}-r${RECIPE}-${built}`;
}

/** A built Logto: its source tree and the toolchain that runs it. */
export interface LogtoBuild {
  /** The unpacked source (`…/logto`), with core, experience, cli and mock connectors built. */
  root: string;
  /** PATH with Node 22 and pnpm first. */
  path: string;
  /** Node 22's binary. */
  node: string;
  logFile: string;
}

/** Shared by everyone on the machine, outside any repository: `~/.cache/bookstore-logto-oss`. */
export function cacheRoot(env = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'bookstore-logto-oss');
}

/**
 * The build of `source`, from the cache when a complete one is there (keyed by the source's
 * hash), else unpacked and built now (about 3 minutes). A lock keeps two runs on the machine
 * from building the same source at once.
 */
export async function ensureBuild(
  source: LogtoSource,
  log: (line: string) => void,
): Promise<LogtoBuild> {
  const cache = cacheRoot();
  mkdirSync(cache, { recursive: true });
  const toolchain = await ensureToolchain(cache, log);
  const dir = path.join(cache, buildKey(source));
  const build: LogtoBuild = {
    root: path.join(dir, 'logto'),
    ...toolchain,
    logFile: path.join(dir, 'build.log'),
  };
  const stamp = path.join(dir, 'build-complete');
  if (existsSync(stamp)) return ensureConnectors(build, dir, log);

  const release = await acquireLock(`${dir}.lock`, log);
  try {
    if (existsSync(stamp)) return ensureConnectors(build, dir, log);
    assertRsyncInstalled();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(
      `building Logto from ${source.tarball} into ${dir} (about 3 minutes; log: ${build.logFile})`,
    );
    await buildLogto(source, build, dir);
    writeFileSync(stamp, new Date().toISOString());
    log('Logto built');
    return build;
  } finally {
    release();
  }
}

/**
 * A cached build from before a connector joined {@link LINKED_CONNECTORS} lacks it: build only
 * that connector and what it depends on (seconds, where a whole build takes minutes), then link.
 */
async function ensureConnectors(
  build: LogtoBuild,
  dir: string,
  log: (line: string) => void,
): Promise<LogtoBuild> {
  const built = (name: string) =>
    existsSync(path.join(build.root, 'packages', 'connectors', name, 'lib', 'index.js'));
  if (LINKED_CONNECTORS.every(built)) return build;
  const release = await acquireLock(`${dir}.lock`, log);
  try {
    const missing = LINKED_CONNECTORS.filter((name) => !built(name));
    if (missing.length === 0) return build;
    log(`building the connectors this build lacks: ${missing.join(', ')}`);
    const filters = missing.flatMap((name) => ['--filter', `@logto/${name}...`]);
    await runCommand('pnpm', ['-r', ...filters, 'build'], {
      cwd: build.root,
      env: buildEnv(build),
      logFile: build.logFile,
    });
    linkMockConnectors(build.root);
    return build;
  } finally {
    release();
  }
}

async function ensureToolchain(
  cache: string,
  log: (line: string) => void,
): Promise<Pick<LogtoBuild, 'path' | 'node'>> {
  const dir = path.join(cache, `toolchain-node${NODE_VERSION}-pnpm${PNPM_VERSION}`);
  const nodeBin = path.join(dir, 'node_modules', 'node', 'bin');
  const binDir = path.join(dir, 'node_modules', '.bin');
  const result = {
    path: [nodeBin, binDir, process.env.PATH].join(path.delimiter),
    node: path.join(nodeBin, 'node'),
  };
  if (existsSync(result.node) && existsSync(path.join(binDir, 'pnpm'))) return result;
  const release = await acquireLock(`${dir}.lock`, log);
  try {
    if (existsSync(result.node) && existsSync(path.join(binDir, 'pnpm'))) return result;
    log(`installing Node ${NODE_VERSION} and pnpm ${PNPM_VERSION} from npm into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // The `node` package fetches its binary in an install script, which npm runs only when allowed.
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ private: true, allowScripts: { node: true } }),
    );
    await runCommand(
      'npm',
      ['install', '--no-audit', '--no-fund', '-E', `node@${NODE_VERSION}`, `pnpm@${PNPM_VERSION}`],
      { cwd: dir, logFile: path.join(dir, 'install.log') },
    );
    return result;
  } finally {
    release();
  }
}

/** The environment Logto's install and build run in. */
function buildEnv(build: LogtoBuild): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PATH: build.path,
    // CI skips husky's git hooks; the console's Puppeteer tests would download a browser.
    CI: 'true',
    PUPPETEER_SKIP_DOWNLOAD: 'true',
  };
  // NODE_ENV=production would make pnpm skip the dev dependencies the build needs.
  delete env.NODE_ENV;
  return env;
}

async function buildLogto(source: LogtoSource, build: LogtoBuild, dir: string): Promise<void> {
  const { root, logFile } = build;
  const env = buildEnv(build);
  await runCommand('tar', ['-xzf', source.tarball, '-C', dir], { cwd: dir, logFile });
  substituteDependencies(root);
  await runCommand('pnpm', ['install', '--no-frozen-lockfile'], { cwd: root, env, logFile });
  // Only what the server needs; the console alone takes 3 minutes and 4 GB.
  const filters = [
    ...BUILT_PACKAGES.map((name) => `${name}...`),
    ...LEFT_OUT.map((name) => `!${name}`),
  ];
  await runCommand('pnpm', ['-r', ...filters.flatMap((filter) => ['--filter', filter]), 'build'], {
    cwd: root,
    env,
    logFile,
  });
  linkMockConnectors(root);
}

/**
 * Two locked dependencies cannot be fetched here: core's `oidc-provider` is Logto's GitHub fork
 * (upstream 9.11.3 plus patches; every file core imports exists upstream), and
 * `@logto/cloud@0.2.5-94350d3` is gone from npm (`0.2.5-faca9a9` is the same types).
 */
function substituteDependencies(root: string): void {
  const files = [
    'packages/core/package.json',
    'packages/console/package.json',
    'packages/connectors/connector-logto-email/package.json',
  ];
  for (const file of files) {
    const full = path.join(root, file);
    const text = readFileSync(full, 'utf8')
      .replace(
        /"oidc-provider": "github:logto-io\/node-oidc-provider#[0-9a-f]+"/,
        '"oidc-provider": "9.11.3"',
      )
      .replaceAll('"@logto/cloud": "0.2.5-94350d3"', '"@logto/cloud": "0.2.5-faca9a9"');
    writeFileSync(full, text);
  }
}

/** Core loads connectors from `packages/core/connectors/<name>`, as `logto connector link` makes them. */
function linkMockConnectors(root: string): void {
  const connectorsDir = path.join(root, 'packages', 'core', 'connectors');
  mkdirSync(connectorsDir, { recursive: true });
  for (const name of LINKED_CONNECTORS) {
    const link = path.join(connectorsDir, `@logto-${name}`);
    rmSync(link, { force: true });
    symlinkSync(path.join('..', '..', 'connectors', name), link);
  }
}
