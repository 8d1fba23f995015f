// Jest loads @bookstore/mock-logto from its build, as any team's Jest does from node_modules; this
// rebuilds it first when packages/mock-logto/src changed since (a no-op, in milliseconds, otherwise).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function buildWorkspacePackages(): void {
  const packageDir = path.dirname(require.resolve('@bookstore/mock-logto/package.json'));
  execFileSync(process.execPath, [path.join(packageDir, 'scripts/build.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
}
