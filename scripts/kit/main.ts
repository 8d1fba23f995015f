/**
 * `npm run test:kit`: @bookstore/mock-logto as another team gets it. It packs the package
 * (`npm pack`), installs the tarball into each app of ./apps.ts outside the repository, and runs
 * the package README's examples there with the app's own Jest setup, plus an `import` of the ES
 * module build. The table at the end lists the versions each app proved; the package README's
 * "Proven versions" section is copied from it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { acquireLock } from '../logto-oss/cache-lock';
import { nodeBinary } from '../compat/node-runtime';
import { runCommand } from '../compat/run-command';
import { KIT_APPS, PROJECT_NODE, REPORTED, type KitApp } from './apps';
import { KIT_CACHE, packKit, prepareApp } from './workspace';

interface Result {
  app: KitApp;
  /** Check label → passed; `install` first. */
  checks: [string, boolean][];
  versions: Record<string, string>;
  seconds: number;
  logFile: string;
}

function installedVersion(dir: string, name: string): string {
  const manifest = path.join(dir, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function runApp(app: KitApp, tarball: string): Promise<Result> {
  const started = Date.now();
  const logFile = path.join(KIT_CACHE, 'logs', `${app.name}.log`);
  writeFileSync(logFile, `[kit] ${app.name} at ${new Date().toISOString()}\n`);
  const result: Result = { app, checks: [], versions: {}, seconds: 0, logFile };
  try {
    const node = app.node === PROJECT_NODE ? process.execPath : await nodeBinary(app.node, logFile);
    const dir = await prepareApp(app, tarball, logFile);
    result.checks.push(['install', true]);
    result.versions.Node = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim().slice(1);
    for (const name of REPORTED) result.versions[name] = installedVersion(dir, name);
    for (const check of app.checks) {
      const code = await runCommand(node, check.command, {
        cwd: dir,
        env: { ...process.env, CI: 'true', NEXT_TELEMETRY_DISABLED: '1' },
        logFile,
        timeoutMs: 10 * 60_000,
      });
      result.checks.push([check.label, code === 0]);
    }
  } catch (error) {
    result.checks.push(['install', false]);
    writeFileSync(logFile, `${(error as Error).stack}\n`, { flag: 'a' });
  }
  result.seconds = Math.round((Date.now() - started) / 1000);
  return result;
}

function table(results: Result[]): string {
  const header = ['app', 'Node', ...REPORTED, 'checks', 'seconds'];
  const lines = [header, header.map(() => '---')];
  for (const { app, checks, versions, seconds } of results) {
    const marks = checks.map(([label, passed]) => `${label} ${passed ? '✓' : '✗'}`).join(', ');
    const cells = [versions.Node, ...REPORTED.map((name) => versions[name])];
    lines.push([app.name, ...cells.map((cell) => cell ?? '—'), marks, String(seconds)]);
  }
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function failureTail(result: Result): string {
  const lines = readFileSync(result.logFile, 'utf8').trimEnd().split('\n');
  return `\n--- ${result.app.name} failed; last lines of ${result.logFile}:\n${lines.slice(-60).join('\n')}`;
}

async function main() {
  mkdirSync(path.join(KIT_CACHE, 'logs'), { recursive: true });
  // Two runs at once (CI and a person) would reinstall the same apps under each other.
  const release = await acquireLock(path.join(KIT_CACHE, '.lock'), (line) =>
    console.log(`[kit] ${line}`),
  );
  const started = Date.now();
  const results: Result[] = [];
  try {
    const packLog = path.join(KIT_CACHE, 'logs', 'pack.log');
    writeFileSync(packLog, '');
    const tarball = await packKit(packLog, path.join(KIT_CACHE, 'tarball'));
    console.log(`[kit] packed ${path.basename(tarball)}`);
    for (const app of KIT_APPS) {
      console.log(`[kit] ${app.name} …`);
      const result = await runApp(app, tarball);
      console.log(`[kit] ${app.name}: ${result.seconds} s`);
      results.push(result);
    }
  } finally {
    release();
  }
  const failed = results.filter((result) => result.checks.some(([, passed]) => !passed));
  for (const result of failed) console.log(failureTail(result));
  const date = new Date().toISOString().slice(0, 10);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `\n@bookstore/mock-logto in other teams' apps, ${date} (${seconds} s; logs in ${KIT_CACHE}/logs):\n`,
  );
  console.log(table(results));
  process.exitCode = failed.length > 0 || results.length === 0 ? 1 : 0;
}

void main();
