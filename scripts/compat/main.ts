/**
 * `npm run test:compat`: lib/auth on the versions teams run. Rows that install the same versions
 * share one install, kept between runs outside the repository (see ./workspace.ts), and all
 * results land in one table:
 *  - `suites` rows run lib/auth's unit and integration Jest suites (the real NextAuth handler
 *    against the MSW mock Logto) on that next-auth, Next and Node;
 *  - `stop` rows start from create-next-app's template and follow README's "Files to copy, in
 *    order" up to one stop, then `next build`, `next start`, sign in over HTTP against
 *    logto-local, and from the core on refresh and sign out at Logto;
 *  - `app-router` rows add README's App Router section to all three steps and drive the app in
 *    Chromium across refreshes on both routers (./app-router-check.ts);
 *  - `v4-to-v5` rows sign in on the app of all three steps, move it to Auth.js v5 by README's
 *    "Moving to Auth.js v5" and check the person is still signed in (./v5-move-check.ts);
 *  - `v4-to-v5-app-router` rows do the same with the app of the `app-router` rows, then drive it
 *    in Chromium as those rows do.
 * `--only TEXT` runs the rows whose label contains TEXT (e.g. `--only app-router`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packKit } from '../kit/workspace';
import { acquireLock } from '../logto-oss/cache-lock';
import { APP_STEPS, checkCopyStop, type Outcome } from './app-check';
import { APP_ROUTER_STEPS, checkAppRouter } from './app-router-check';
import { NODE_24, ROWS, rowLabel, type Row } from './matrix';
import { checkAppRouterV5Move, checkV5Move, V5_MOVE_STEPS } from './v5-move-check';
import { nodeBinary } from './node-runtime';
import { runCommand } from './run-command';
import { CACHE_ROOT, install, installKey, prepareRepositoryRow, prepareRow } from './workspace';

const COLUMNS = [
  'install',
  'suites',
  ...APP_STEPS.slice(0, 3),
  'v5 start',
  'kept',
  'moved',
  ...APP_STEPS.slice(3),
  'account center',
  'error page',
  'v5 sign-in',
  'app-only',
  'refused',
] as const;
type Column =
  (typeof COLUMNS)[number] | (typeof APP_ROUTER_STEPS)[number] | (typeof V5_MOVE_STEPS)[number];
const ROW_NAMES: Partial<Record<Row['kind'], string>> = {
  suites: 'suites',
  'app-router': 'app-router',
  'v4-to-v5': 'v4 → v5',
  'v4-to-v5-app-router': 'v4 → v5 (App Router)',
};
const MARK: Record<Outcome, string> = { pass: '✓', fail: '✗', skipped: 'skipped' };

interface Result {
  row: Row;
  cells: Partial<Record<Column, Outcome>>;
  seconds: number;
  logFile: string;
}

function selectRows(args: string[]): Row[] {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  return ROWS.filter((row) => labelOf(row).includes(only ?? ''));
}

function labelOf(row: Row): string {
  return `${rowLabel(row)}-node-${row.node === NODE_24 ? process.versions.node : row.node}`;
}

async function runSuites(row: Row, dir: string, logFile: string): Promise<Outcome> {
  const node = row.node === NODE_24 ? process.execPath : await nodeBinary(row.node, logFile);
  const code = await runCommand(
    node,
    [path.join(dir, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'],
    { cwd: dir, env: { ...process.env, NODE_ENV: 'test' }, logFile, timeoutMs: 15 * 60_000 },
  );
  return code === 0 ? 'pass' : 'fail';
}

async function runRow(row: Row, installs: Map<string, Promise<string>>): Promise<Result> {
  const started = Date.now();
  const logFile = path.join(CACHE_ROOT, 'logs', `${labelOf(row)}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, `[compat] ${labelOf(row)} at ${new Date().toISOString()}\n`);
  const cells: Result['cells'] = {};
  try {
    const dir = row.app
      ? await prepareRepositoryRow(labelOf(row), logFile)
      : await prepareRow(row, labelOf(row), await installs.get(installKey(row))!, logFile);
    cells.install = 'pass';
    if (row.kind === 'suites') cells.suites = await runSuites(row, dir, logFile);
    else if (row.kind === 'stop')
      Object.assign(cells, await checkCopyStop(dir, logFile, row.stop!));
    else if (row.kind === 'v4-to-v5')
      Object.assign(cells, await checkV5Move(dir, logFile, row.app === 'repository'));
    else if (row.kind === 'v4-to-v5-app-router')
      Object.assign(cells, await checkAppRouterV5Move(dir, logFile));
    else Object.assign(cells, await checkAppRouter(dir, logFile));
  } catch (error) {
    cells.install = 'fail';
    writeFileSync(logFile, `${(error as Error).stack}\n`, { flag: 'a' });
  }
  return { row, cells, seconds: Math.round((Date.now() - started) / 1000), logFile };
}

function table(results: Result[]): string {
  const header = ['row', 'Next', 'React', 'next-auth', 'Node', ...COLUMNS, 'seconds'];
  const lines = [header, header.map(() => '---')];
  for (const { row, cells, seconds } of results) {
    const node = row.node === NODE_24 ? process.versions.node : row.node;
    lines.push([
      `${ROW_NAMES[row.kind] ?? `stop: ${row.stop}`}${row.app ? ' (this repository)' : ''}`,
      row.next,
      row.react,
      row.nextAuth,
      node,
      ...COLUMNS.map((column) => (cells[column] ? MARK[cells[column]] : '—')),
      String(seconds),
    ]);
  }
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function failureTail(result: Result): string {
  const lines = readFileSync(result.logFile, 'utf8').trimEnd().split('\n');
  return `\n--- ${labelOf(result.row)} failed; last lines of ${result.logFile}:\n${lines.slice(-40).join('\n')}`;
}

/**
 * Rows that run at once. A row spends much of its time waiting (for its install, for logto-local,
 * for an access token to come due), and another row's build fills that time.
 */
const LANES = 2;

/** Installs that run at once: npm mostly waits on the network, but unpacking takes a core. */
const PARALLEL_INSTALLS = 2;

/**
 * Starts the installs the rows need, in the order the rows need them, two at a time: they
 * overlap with each other and with the rows that run meanwhile. Each row starts as soon as its
 * install is there and a lane is free.
 */
function startInstalls(rows: Row[], kitTarball: string | undefined): Map<string, Promise<string>> {
  const groups = new Map<string, Row[]>();
  // The repository's row runs on the repository's own packages.
  for (const row of rows.filter((candidate) => !candidate.app))
    groups.set(installKey(row), [...(groups.get(installKey(row)) ?? []), row]);
  const installs = new Map<string, Promise<string>>();
  const slots = Array.from({ length: PARALLEL_INSTALLS }, () => Promise.resolve());
  [...groups.values()].forEach((group, index) => {
    const logFile = path.join(CACHE_ROOT, 'logs', `install-${rowLabel(group[0]!)}.log`);
    const slot = index % PARALLEL_INSTALLS;
    const installing = slots[slot]!.then(() => {
      writeFileSync(logFile, `[compat] install for ${group.map(labelOf).join(', ')}\n`);
      const suites = group.some((row) => row.kind === 'suites');
      return install(group, logFile, suites ? kitTarball : undefined);
    });
    // A failed install fails its rows, when they await it; it does not hold up the next one.
    slots[slot] = installing.then(
      () => undefined,
      () => undefined,
    );
    installs.set(installKey(group[0]!), installing);
  });
  return installs;
}

async function main() {
  const rows = selectRows(process.argv.slice(2));
  if (rows.length === 0) throw new Error('no row matches; see scripts/compat/matrix.ts');
  mkdirSync(path.join(CACHE_ROOT, 'logs'), { recursive: true });
  // Two runs at once (CI and a person) would rebuild the same copies under each other.
  const release = await acquireLock(path.join(CACHE_ROOT, '.lock'), (line) =>
    console.log(`[compat] ${line}`),
  );
  const started = Date.now();
  const results: Result[] = [];
  try {
    // The suites sign in against the mocked Logto, installed from its tarball.
    const kitTarball = rows.some((row) => row.kind === 'suites')
      ? await packKit(path.join(CACHE_ROOT, 'logs', 'pack.log'), path.join(CACHE_ROOT, 'kit'))
      : undefined;
    const installs = startInstalls(rows, kitTarball);
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const index = next++;
        const row = rows[index]!;
        console.log(`[compat] ${labelOf(row)} …`);
        results[index] = await runRow(row, installs);
        console.log(`[compat] ${labelOf(row)}: ${results[index]!.seconds} s`);
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
  } finally {
    release();
  }
  const failed = results.filter((result) => Object.values(result.cells).includes('fail'));
  for (const result of failed) console.log(failureTail(result));
  const date = new Date().toISOString().slice(0, 10);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\nCompatibility matrix, ${date} (${minutes} min; logs in ${CACHE_ROOT}/logs):\n`);
  console.log(table(results));
  process.exitCode = failed.length > 0 ? 1 : 0;
}

void main();
