// Jest loads @bookstore/mock-logto from its build, as any team's Jest does from node_modules; this
// rebuilds it first when packages/mock-logto/src changed since (a no-op, in milliseconds, otherwise).
// Where the package was installed from its tarball (the compatibility matrix's copies), there is
// no source to build from, and nothing to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function buildWorkspacePackages(): void {
  const packageDir = path.dirname(require.resolve('@bookstore/mock-logto/package.json'));
  const build = path.join(packageDir, 'scripts/build.mjs');
  if (existsSync(build))
    execFileSync(process.execPath, [build, '--if-stale'], { stdio: 'inherit' });
}
