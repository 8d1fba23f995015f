import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { runCommand } from './run-command';

/**
 * What `create-next-app@<version> --ts --eslint --no-tailwind --no-src-dir --no-app
 * --import-alias "@/*"` writes, taken from the template inside that very package (npm serves it;
 * running the CLI would also install, which the matrix does once per Next version instead): a
 * Pages Router app with create-next-app's own tsconfig.json (no `target` up to 14: ES5),
 * next.config, ESLint config and pages. That is the app a team upgrading from the Pages Router
 * has, and where README's copy steps start.
 *
 * One change: where the template's home page loads Google Fonts (`next/font/google`, 13.5 and
 * 15+), `next build` would fetch them, and CI reaches only the npm registry; that page becomes an
 * empty one. It has nothing to do with auth.
 * @see https://github.com/vercel/next.js/tree/canary/packages/create-next-app/templates/default/ts
 */
export async function writeCreateNextApp(
  version: string,
  appDir: string,
  cacheRoot: string,
  logFile: string,
): Promise<void> {
  const template = await templateDir(version, cacheRoot, logFile);
  for (const entry of readdirSync(template)) {
    if (entry === 'README-template.md' || entry === 'biome.json') continue;
    // create-next-app renames these two on copy (npm would drop a .gitignore from the package).
    const target = entry === 'gitignore' || entry === 'eslintrc.json' ? `.${entry}` : entry;
    cpSync(path.join(template, entry), path.join(appDir, target), { recursive: true });
  }
  const home = path.join(appDir, 'pages/index.tsx');
  if (readFileSync(home, 'utf8').includes('next/font/google')) {
    writeFileSync(home, 'export default function Home() {\n  return <main>Home</main>;\n}\n');
  }
}

/** The template folder of create-next-app@version, unpacked once into the cache. */
async function templateDir(version: string, cacheRoot: string, logFile: string): Promise<string> {
  const dir = path.join(cacheRoot, `create-next-app-${version}`);
  const template = path.join(dir, 'package', 'dist', 'templates', 'default', 'ts');
  if (existsSync(path.join(dir, '.unpacked'))) return template;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const packed = await runCommand(
    'npm',
    ['pack', `create-next-app@${version}`, '--silent', '--pack-destination', dir],
    { cwd: dir, logFile, timeoutMs: 5 * 60_000 },
  );
  const [tarball] = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
  if (packed !== 0 || !tarball) throw new Error(`could not fetch create-next-app@${version}`);
  const unpacked = await runCommand('tar', ['xzf', tarball], {
    cwd: dir,
    logFile,
    timeoutMs: 60_000,
  });
  if (unpacked !== 0 || !existsSync(template)) {
    throw new Error(`create-next-app@${version} has no templates/default/ts`);
  }
  writeFileSync(path.join(dir, '.unpacked'), new Date().toISOString());
  return template;
}
