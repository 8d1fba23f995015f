/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  readmeCopyPlan,
  readmeInstalls,
  readmeV5Move,
  type CopyStep,
} from '@/scripts/compat/readme-copy-steps';

// The compat matrix builds what README.md says, read from README.md: these pin what it reads, so
// a README edit that silently drops a step or a file fails here before the matrix runs.
const describeSteps = (steps: CopyStep[]) => steps.map((step) => `${step.kind} ${step.path}`);

describe("README's copy steps, as the matrix reads them", () => {
  it('stop after the provider with the provider, lib/phone.ts and a catch-all route of your own', () => {
    expect(describeSteps(readmeCopyPlan('provider', false))).toEqual([
      'copy lib/auth/provider/',
      'copy lib/phone.ts',
      'write pages/api/auth/[...nextauth].ts',
      'write pages/books.tsx',
    ]);
  });

  it('add the core, its routes and the auth.ts wiring, replacing the catch-all route', () => {
    const steps = describeSteps(readmeCopyPlan('core', false));
    expect(steps.slice(4)).toEqual([
      'copy lib/auth/core/',
      'copy pages/api/auth/[...nextauth].ts',
      'copy pages/api/auth/federated-sign-out.ts',
      'copy pages/api/me.ts',
      'write auth.ts',
      'write pages/_app.tsx',
      'write pages/books.tsx',
    ]);
  });

  it('add the speed layer in auth.ts, which then imports it', () => {
    const steps = readmeCopyPlan('speed', false);
    expect(describeSteps(steps).slice(11)).toEqual([
      'copy lib/auth/speed/',
      'copy instrumentation.ts',
      'write auth.ts',
      'write next.config.mjs',
    ]);
    const [wiring] = steps
      .filter((step) => step.path === 'auth.ts' && step.kind === 'write')
      .slice(-1);
    expect(wiring).toMatchObject({ content: expect.stringContaining('speed: speedLayer()') });
  });

  it('with the App Router, write the refresh route, the layout, the gate, the sign-in and sign-out', () => {
    const written = readmeCopyPlan('speed', true)
      .filter((step) => step.kind === 'write')
      .map((step) => step.path);
    expect(written).toEqual(
      expect.arrayContaining([
        'app/api/auth/refresh/route.ts',
        'app/layout.tsx',
        'app/gate.tsx',
        'app/signin/page.tsx',
        'app/sign-out-button.tsx',
      ]),
    );
  });

  it('write each file with the path comment the README shows first', () => {
    for (const step of readmeCopyPlan('speed', true)) {
      if (step.kind === 'write') expect(step.content.split('\n')[0]).toBe(`// ${step.path}`);
    }
  });

  it("install the provider's packages with it, @logto/js for its claims type, and the core's after", () => {
    expect(readmeInstalls('provider')).toEqual({
      dependencies: ['next-auth', 'libphonenumber-js'],
      dev: ['@logto/js'],
    });
    expect(readmeInstalls('speed')).toEqual({
      dependencies: ['next-auth', 'libphonenumber-js', 'openid-client', 'jose', 'zod'],
      dev: ['@logto/js'],
    });
  });
});

it("gives each layer's file and line count as the folder has them", () => {
  const root = path.resolve(__dirname, '../../..');
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const headings = [
    ...readme.matchAll(/^#### Step \d: .*\(`(lib\/auth\/\w+)\/`, (\d+) files, ([\d,]+) lines\)$/gm),
  ];
  expect(headings.map(([, folder]) => folder)).toEqual([
    'lib/auth/provider',
    'lib/auth/core',
    'lib/auth/speed',
  ]);
  for (const [, folder, files, lines] of headings) {
    const names = readdirSync(path.join(root, folder!));
    const counted = names
      .map((name) => readFileSync(path.join(root, folder!, name), 'utf8').split('\n').length - 1)
      .reduce((sum, count) => sum + count, 0);
    expect({ folder, files: Number(files), lines: Number(lines!.replace(',', '')) }).toEqual({
      folder,
      files: names.length,
      lines: counted,
    });
  }
});

describe("README's move to Auth.js v5, as the v4 → v5 rows read it", () => {
  const move = readmeV5Move();
  const repo = path.resolve(__dirname, '../../..');

  it('installs the next-auth 5 the project typechecks the template against', () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(`npm:next-auth@${move.nextAuthVersion}`).toBe(manifest.devDependencies['next-auth-v5']);
  });

  it('copies the v5 template, writes next.config.ts and deletes only what the copy steps put in', () => {
    expect(move.copies).toEqual(['templates/authjs-v5/']);
    expect([...move.writes.keys()]).toEqual(['next.config.ts']);
    expect(move.writes.get('next.config.ts')).toContain("transpilePackages: ['next-auth']");
    const copied = readmeCopyPlan('speed', false).map((step) => step.path);
    for (const file of move.deletes) {
      expect([file, copied.some((done) => file === done || file.startsWith(done))]).toEqual([
        file,
        true,
      ]);
    }
  });

  it('deletes no file the v5 template imports', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(path.join(dir, entry.name))
          : [readFileSync(path.join(dir, entry.name), 'utf8')],
      );
    const imported = sources(path.join(repo, 'templates/authjs-v5')).flatMap((source) =>
      [...source.matchAll(/from '@\/([^']+)'/g)].map(([, target]) => target!),
    );
    expect(imported.length).toBeGreaterThan(10);
    for (const target of imported) {
      const deleted = move.deletes.some(
        (file) => file === `${target}.ts` || (file.endsWith('/') && target.startsWith(file)),
      );
      expect([target, deleted]).toEqual([target, false]);
    }
  });

  describe('in a copy of this repository', () => {
    const appSources = (dir: string): string[] =>
      readdirSync(path.join(repo, dir), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
        .map((entry) => path.relative(repo, path.join(entry.parentPath, entry.name)));
    const isDeleted = (file: string) =>
      move.deletes.some((gone) => file === gone || (gone.endsWith('/') && file.startsWith(gone)));
    const movedAuth = move.repository.writes.get('auth.ts') ?? '';

    it("writes the repository's auth.ts, on v5 with logto-local's defaults and the Redis store", () => {
      expect([...move.repository.writes.keys()]).toEqual(['auth.ts']);
      expect(movedAuth).toContain("from '@/lib/auth/v5/logto-auth'");
      expect(movedAuth).toContain('DEV_SESSION_SECRET');
      expect(movedAuth).toContain('redisAuthStore({ url: process.env.REDIS_URL })');
      expect(movedAuth).not.toContain('speed');
    });

    it('installs the same next-auth 5, with --force past the mocked Logto workspace’s v4 peer', () => {
      expect(move.repository.install).toEqual([`next-auth@${move.nextAuthVersion}`, '--force']);
      const workspace = JSON.parse(
        readFileSync(path.join(repo, 'packages/mock-logto/package.json'), 'utf8'),
      ) as { peerDependencies: Record<string, string> };
      expect(workspace.peerDependencies['next-auth']).toMatch(/^\^4\./);
    });

    it("adds transpilePackages to the repository's own next.config.ts instead of replacing it", () => {
      expect(move.repository).toMatchObject({
        nextConfigLine: "transpilePackages: ['next-auth'],",
        nextConfigObject: 'baseConfig',
      });
      const config = readFileSync(path.join(repo, 'next.config.ts'), 'utf8');
      expect(config).toContain(`const ${move.repository.nextConfigObject}: NextConfig = {\n`);
    });

    it('keeps every name the pages import from auth.ts', () => {
      const exported = /export const \{([^}]+)\}/
        .exec(movedAuth)![1]!
        .split(',')
        .map((name) => name.trim());
      const imported = [...appSources('pages'), ...appSources('lib')]
        .filter((file) => !isDeleted(file))
        .flatMap((file) => [
          ...readFileSync(path.join(repo, file), 'utf8').matchAll(
            /import \{([^}]+)\} from '@\/auth'/g,
          ),
        ])
        .flatMap(([, names]) => names!.split(',').map((name) => name.trim()));
      expect(imported).toEqual(
        expect.arrayContaining(['requireSession', 'refreshAfterAccountCenter']),
      );
      expect(imported.filter((name) => !exported.includes(name))).toEqual([]);
    });

    it('leaves no page or library file importing what step 2 deletes', () => {
      const importing = [...appSources('pages'), ...appSources('lib')]
        .filter((file) => !isDeleted(file))
        .flatMap((file) =>
          [...readFileSync(path.join(repo, file), 'utf8').matchAll(/from '@\/([^']+)'/g)]
            .filter(([, target]) => isDeleted(`${target}.ts`) || isDeleted(`${target}/`))
            .map(([, target]) => `${file} imports ${target}`),
        );
      expect(importing).toEqual([]);
    });
  });
});
