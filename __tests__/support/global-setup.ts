import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_DIR_VARIABLE, bundleEntries } from '../../support/test-bundles';
import buildWorkspacePackages from './build-workspace-packages';

const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * Rebuilds the workspace package when its source changed (see build-workspace-packages.ts), then
 * bundles the programs the suites start as child processes, once for the whole run; Jest's
 * workers, started after this, inherit the variable that points their starts at the bundles.
 * Skipped where there is no logto-local (the compat matrix's copies of the auth suites) and under
 * Stryker, whose mutants stay in the sources where it put them.
 * @see https://jestjs.io/docs/configuration#globalsetup-string
 */
export default async function globalSetup(): Promise<void> {
  buildWorkspacePackages();
  if (!existsSync(path.join(REPO_ROOT, 'logto-local/main.ts'))) return;
  if (process.env.STRYKER_MUTATOR_WORKER !== undefined) return;
  process.env[BUNDLE_DIR_VARIABLE] = await bundleEntries(REPO_ROOT);
}
