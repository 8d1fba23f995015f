import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../compat/project-version';
import { runCommand } from '../compat/run-command';
import type { KitApp } from './apps';
import { readmeTestFile } from './readme-examples';

/**
 * Where the apps live: outside the repository, kept between runs so a rerun with the same
 * versions skips installing them (CI keeps ~/.cache between runs). BOOKSTORE_KIT_CACHE moves it.
 */
export const KIT_CACHE =
  process.env.BOOKSTORE_KIT_CACHE ?? path.join(homedir(), '.cache', 'bookstore-kit');

const PACKAGE_DIR = path.join(REPO_ROOT, 'packages', 'mock-logto');
const NPM_QUIET = ['--no-audit', '--no-fund', '--ignore-scripts'];

/**
 * `npm pack`s the package as it would be published (its prepare script builds it first) into
 * `destination` (emptied first) and returns the tarball's path.
 */
export async function packKit(logFile: string, destination: string): Promise<string> {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const code = await runCommand('npm', ['pack', '--pack-destination', destination], {
    cwd: PACKAGE_DIR,
    logFile,
    timeoutMs: 5 * 60_000,
  });
  const { name, version } = JSON.parse(
    readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'),
  ) as { name: string; version: string };
  const tarball = path.join(
    destination,
    `${name.replace('@', '').replace('/', '-')}-${version}.tgz`,
  );
  if (code !== 0 || !existsSync(tarball)) throw new Error(`npm pack exited with ${code}`);
  return tarball;
}

function manifestFor(app: KitApp): string {
  const manifest = {
    name: `kit-${app.name}`,
    private: true,
    dependencies: app.dependencies,
    devDependencies: app.devDependencies,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Makes (or reuses) the app's folder: its dependencies are installed once per set of versions,
 * then the kit's tarball is installed on top, as a team installs it, and the app's files and the
 * README's examples are put in fresh. Returns the folder.
 */
export async function prepareApp(app: KitApp, tarball: string, logFile: string): Promise<string> {
  const manifest = manifestFor(app);
  const key = createHash('sha256').update(manifest).digest('hex').slice(0, 10);
  const dir = path.join(KIT_CACHE, `${app.name}-${key}`);
  const installed = path.join(dir, '.installed');
  if (!existsSync(installed)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), manifest);
    await npm(['install', ...NPM_QUIET], dir, logFile);
    writeFileSync(installed, new Date().toISOString());
  }
  await npm(['install', ...NPM_QUIET, '--no-save', tarball], dir, logFile);

  for (const entry of ['pages', 'types', '__tests__', 'esm-check.mjs']) {
    rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  cpSync(path.join(__dirname, 'apps', app.name), dir, { recursive: true });
  cpSync(path.join(__dirname, 'esm-check.mjs'), path.join(dir, 'esm-check.mjs'));
  const readme = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
  mkdirSync(path.join(dir, '__tests__'), { recursive: true });
  writeFileSync(path.join(dir, '__tests__', 'mock-logto-readme.test.ts'), readmeTestFile(readme));
  return dir;
}

async function npm(args: string[], cwd: string, logFile: string): Promise<void> {
  const code = await runCommand('npm', args, { cwd, logFile, timeoutMs: 15 * 60_000 });
  if (code !== 0) throw new Error(`npm ${args[0]} exited with ${code} in ${cwd}`);
}
