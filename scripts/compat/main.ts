/**
 * `npm run test:compat`: lib/auth on the versions teams run. Each row installs its versions into
 * its own copy outside the repository (see ./workspace.ts), runs, and lands in one table:
 *  - `suites` rows run lib/auth's unit and integration Jest suites (the real NextAuth handler
 *    against the MSW mock Logto) on that next-auth, Next and Node;
 *  - `app` rows `next build` and `next start` the minimal app a copier has, then sign in over HTTP
 *    against logto-local, refresh the access token and sign out at Logto;
 *  - `provider` rows do the same up to sign-in with only the plain provider copied.
 * `--only TEXT` runs the rows whose label contains TEXT (e.g. `--only next-13.5`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packKit } from '../kit/workspace';
import { acquireLock } from '../logto-oss/cache-lock';
import { APP_STEPS, checkApp, type AppStep, type Outcome } from './app-check';
import { NODE_24, ROWS, type Row } from './matrix';
import { nodeBinary } from './node-runtime';
import { runCommand } from './run-command';
import { CACHE_ROOT, prepareWorkspace, rowLabel } from './workspace';

type Column = 'install' | 'suites' | AppStep;
const COLUMNS: Column[] = ['install', 'suites', ...APP_STEPS];
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

async function runRow(row: Row, kitTarball: string | undefined): Promise<Result> {
  const started = Date.now();
  const logFile = path.join(CACHE_ROOT, 'logs', `${labelOf(row)}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, `[compat] ${labelOf(row)} at ${new Date().toISOString()}\n`);
  const cells: Result['cells'] = {};
  try {
    const dir = await prepareWorkspace(row, logFile, kitTarball);
    cells.install = 'pass';
    if (row.kind === 'suites') cells.suites = await runSuites(row, dir, logFile);
    else Object.assign(cells, await checkApp(dir, logFile, row.kind));
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
      row.kind,
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

async function main() {
  const rows = selectRows(process.argv.slice(2));
  if (rows.length === 0) throw new Error('no row matches; see scripts/compat/matrix.ts');
  mkdirSync(CACHE_ROOT, { recursive: true });
  // Two runs at once (CI and a person) would rebuild the same copies under each other.
  const release = await acquireLock(path.join(CACHE_ROOT, '.lock'), (line) =>
    console.log(`[compat] ${line}`),
  );
  const started = Date.now();
  const results: Result[] = [];
  try {
    // The suites sign in against the mocked Logto, installed from its tarball.
    mkdirSync(path.join(CACHE_ROOT, 'logs'), { recursive: true });
    const kitTarball = rows.some((row) => row.kind === 'suites')
      ? await packKit(path.join(CACHE_ROOT, 'logs', 'pack.log'), path.join(CACHE_ROOT, 'kit'))
      : undefined;
    for (const row of rows) {
      console.log(`[compat] ${labelOf(row)} …`);
      const result = await runRow(row, kitTarball);
      console.log(`[compat] ${labelOf(row)}: ${result.seconds} s`);
      results.push(result);
    }
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
