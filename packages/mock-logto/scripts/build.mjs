// Builds the package twice from src/: dist/cjs for require() (Jest's default, next/jest, ts-jest
// and babel-jest) and dist/esm for import, each with type declarations of its own kind, and marks
// each folder's module type so Node and TypeScript read them as what they are.
// @see https://nodejs.org/api/packages.html#dual-commonjses-module-packages
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const root = new URL('..', import.meta.url);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const FORMATS = [
  { dir: 'cjs', type: 'commonjs', flags: ['--module', 'commonjs', '--moduleResolution', 'node10'] },
  { dir: 'esm', type: 'module', flags: ['--module', 'es2022', '--moduleResolution', 'bundler'] },
];

/** Newest change among the files the build reads. */
function newestSourceChange() {
  const sources = ['package.json', 'tsconfig.build.json', 'scripts/build.mjs'].map(
    (file) => new URL(file, root),
  );
  const srcDir = new URL('src/', root);
  for (const entry of readdirSync(srcDir, { recursive: true }))
    sources.push(new URL(entry, srcDir));
  return Math.max(...sources.map((file) => statSync(file).mtimeMs));
}

/** Whether both builds are there and newer than every source (their markers are written last). */
function upToDate() {
  const markers = FORMATS.map(({ dir }) => new URL(`dist/${dir}/package.json`, root));
  if (!markers.every((marker) => existsSync(marker))) return false;
  return Math.min(...markers.map((marker) => statSync(marker).mtimeMs)) > newestSourceChange();
}

// `--if-stale`: what the repository's Jest runs first, so a change to src/ is never tested against
// an old build.
if (process.argv.includes('--if-stale') && upToDate()) process.exit(0);

rmSync(new URL('dist', root), { recursive: true, force: true });
await Promise.all(
  FORMATS.map(async ({ dir, type, flags }) => {
    const args = [tsc, '-p', 'tsconfig.build.json', '--outDir', `dist/${dir}`, ...flags];
    await promisify(execFile)(process.execPath, args, { cwd: root }).catch((error) => {
      process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
      throw new Error(`@bookstore/mock-logto: the ${dir} build failed (tsc output above)`);
    });
    mkdirSync(new URL(`dist/${dir}`, root), { recursive: true });
    writeFileSync(new URL(`dist/${dir}/package.json`, root), `${JSON.stringify({ type })}\n`);
  }),
);
