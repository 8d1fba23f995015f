/**
 * A production build of the app in a temp copy (the shared .next stays untouched), with one extra
 * empty page to weigh `/books` against, and `next start` on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort } from '../support/free-port';

const REPO = path.resolve(__dirname, '..');
// __tests__, support and bench stay: playwright.config.ts imports from the first two, the ungated
// page from bench, and `next build` type-checks the tree.
const SKIP = new Set([
  'node_modules',
  '.next',
  '.git',
  'coverage',
  '.logto-local',
  'test-results',
  'playwright-report',
]);
const NEXT_BIN = path.join(REPO, 'node_modules/next/dist/bin/next');

export const BENCH_ENV = {
  AUTH_LOGTO_ISSUER: 'http://127.0.0.1:9/oidc',
  AUTH_LOGTO_ID: 'bookstore-bench',
  AUTH_LOGTO_SECRET: 'bookstore-bench-secret',
  NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
};

/** Where the copy serves bench/ungated-books-page.tsx: `/books` without the session read. */
export const UNGATED_BOOKS_PATH = '/bench-books-ungated';
const UNGATED_BOOKS_PAGE = path.join(__dirname, 'ungated-books-page.tsx');

export interface AppCopy {
  dir: string;
  remove(): void;
}

export function copyApp(): AppCopy {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookstore-bench-'));
  cpSync(REPO, dir, {
    recursive: true,
    filter: (source) => !SKIP.has(path.basename(source)) || path.dirname(source) !== REPO,
  });
  // Turbopack refuses a symlinked node_modules; webpack is fine with it.
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(
    path.join(dir, 'pages/bench-empty.tsx'),
    'export default function BenchEmpty() {\n  return null;\n}\n',
  );
  cpSync(UNGATED_BOOKS_PAGE, path.join(dir, `pages${UNGATED_BOOKS_PATH}.tsx`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command.join(' ')} failed:\n${output}`)),
    );
  });
}

export function buildApp(copy: AppCopy): Promise<void> {
  return run([NEXT_BIN, 'build', '--webpack'], copy.dir, {
    ...process.env,
    ...BENCH_ENV,
    NEXTAUTH_URL: 'http://127.0.0.1:3000',
    NEXT_TELEMETRY_DISABLED: '1',
  });
}

/** First-load JS (gzip bytes) of a page: its chunks plus _app's, as `next build` counts them. */
export function firstLoadJs(copy: AppCopy, page: string): number {
  const manifest = JSON.parse(
    readFileSync(path.join(copy.dir, '.next/build-manifest.json'), 'utf8'),
  ) as { pages: Record<string, string[]> };
  const files = new Set([...(manifest.pages['/_app'] ?? []), ...(manifest.pages[page] ?? [])]);
  if (!manifest.pages[page]) throw new Error(`no ${page} in build-manifest.json`);
  let bytes = 0;
  for (const file of files) {
    if (file.endsWith('.js'))
      bytes += gzipSync(readFileSync(path.join(copy.dir, '.next', file))).length;
  }
  return bytes;
}

export interface RunningApp {
  origin: string;
  stop(): Promise<void>;
}

/** `next start` on 127.0.0.1 on a free port; resolves once /api/health answers. */
export async function startApp(copy: AppCopy): Promise<RunningApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: copy.dir,
      env: { ...process.env, ...BENCH_ENV, NEXTAUTH_URL: origin, NODE_ENV: 'production' },
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('next start exited before it served');
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('next start did not answer /api/health in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
