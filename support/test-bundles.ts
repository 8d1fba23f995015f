import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The programs the Jest suites start as child processes, many times each: logto-local (some
 * forty starts in a `npm test`) and one app instance (for the suites that run several).
 */
export const BUNDLED_ENTRIES = [
  'logto-local/main.ts',
  '__tests__/logto-local/support/app-main.ts',
] as const;
export type BundledEntry = (typeof BUNDLED_ENTRIES)[number];

/**
 * Files the bundled programs find beside their own sources (logto-config/load.ts reads the
 * shipped tenant file from `__dirname`, which in a bundle is the bundle's folder): copied to the
 * same place relative to the bundles as in the repository.
 */
const FILES_READ_BESIDE_SOURCES = ['logto.config.json'] as const;

/** Set by the Jest run (__tests__/support/global-setup.ts) to where the bundles are. */
export const BUNDLE_DIR_VARIABLE = 'BOOKSTORE_TEST_BUNDLES';

/**
 * Bundles each entry into one CommonJS file under the repository's node_modules/.cache and
 * returns that directory. `node --import tsx` resolves and loads every module of a program and
 * of its packages through tsx's loader at each start, which takes about twice the CPU of running
 * the same code from one file. esbuild is the transformer tsx itself uses, and CommonJS is how
 * tsx runs these files (package.json has no `"type": "module"`); packages stay `require`s of
 * node_modules, which is why the bundles live inside the repository.
 * @see https://esbuild.github.io/api/#packages
 */
export async function bundleEntries(repoRoot: string): Promise<string> {
  // Loaded here, not at the top: copies of the suites without logto-local (the compat matrix)
  // load this file from their global setup but have no esbuild.
  const { build, stop } = await import('esbuild');
  const outdir = path.join(repoRoot, 'node_modules/.cache/bookstore-test-bundles');
  const { outputFiles } = await build({
    entryPoints: BUNDLED_ENTRIES.map((entry) => path.join(repoRoot, entry)),
    outbase: repoRoot,
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    target: 'node24',
    write: false,
    logLevel: 'warning',
  }).finally(() => stop());
  for (const file of outputFiles) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    // Written aside, then renamed into place: another run in this checkout may be reading it.
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
  for (const file of FILES_READ_BESIDE_SOURCES) {
    copyFileSync(path.join(repoRoot, file), path.join(outdir, file));
  }
  return outdir;
}

/**
 * How to run `entry` (a path from the repository root, run with the root as working
 * directory): its bundle when the Jest run made one, else its sources under tsx.
 * @see https://tsx.is/dev-api/node-cli (node --import tsx)
 */
export function nodeArgumentsFor(entry: BundledEntry): string[] {
  const dir = process.env[BUNDLE_DIR_VARIABLE];
  return dir ? [path.join(dir, entry.replace(/\.ts$/, '.cjs'))] : ['--import', 'tsx', entry];
}
