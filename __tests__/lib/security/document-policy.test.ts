/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createHash } from 'node:crypto';
import { documentPolicy, inlineScriptsOf } from '@/lib/security/document-policy';

/** A Turbopack production build manifest, reduced to what the inline bootstrap is made from. */
const turbopackBuild = {
  devFiles: [],
  polyfillFiles: [],
  lowPriorityFiles: [],
  rootMainFiles: [],
  rootMainFilesTree: {},
  pages: { '/_app': [] },
  chunkLoadingGlobal: 'TURBOPACK',
  pagesChunkGroupBootstrapParams: {
    '/_app': { otherChunks: ['static/chunks/app.js'], runtimeModuleIds: [1] },
    '/signin': { otherChunks: ['static/chunks/signin.js</script>'], runtimeModuleIds: [2] },
  },
};
const signInPage = { page: '/signin' };

function scriptSrc(policy: string) {
  return /script-src ([^;]*)/.exec(policy)?.[1]?.split(' ');
}

it('allows the page’s own Turbopack bootstrap by hash, exactly as <NextScript> writes it', () => {
  const [script] = inlineScriptsOf({ buildManifest: turbopackBuild, __NEXT_DATA__: signInPage });
  // <NextScript> escapes `<` inside the script so that `</script>` cannot end it early.
  expect(script).toBe(
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/app.js"],"runtimeModuleIds":[1]});\n' +
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/signin.js\\u003c/script\\u003e"],"runtimeModuleIds":[2]});',
  );
  const hash = createHash('sha256').update(script!).digest('base64');
  expect(scriptSrc(documentPolicy({ development: false, inlineScripts: [script!] }))).toEqual([
    "'self'",
    `'sha256-${hash}'`,
  ]);
});

it('never allows inline scripts or eval wholesale in production', () => {
  const policy = documentPolicy({ development: false, inlineScripts: ['x()'] });
  expect(policy).not.toContain("'unsafe-inline' ");
  expect(scriptSrc(policy)).not.toContain("'unsafe-inline'");
  expect(scriptSrc(policy)).not.toContain("'unsafe-eval'");
});

it('allows eval only in development, for fast refresh', () => {
  expect(scriptSrc(documentPolicy({ development: true, inlineScripts: [] }))).toEqual([
    "'self'",
    "'unsafe-eval'",
  ]);
});

it('finds no inline script to allow when the build has no bootstrap (development, webpack)', () => {
  const webpackBuild = { ...turbopackBuild, pagesChunkGroupBootstrapParams: undefined };
  expect(inlineScriptsOf({ buildManifest: webpackBuild, __NEXT_DATA__: signInPage })).toEqual([]);
});

it('allows the hot-reload version script of `next dev` by hash, and only in development', () => {
  const dev = { buildManifest: turbopackBuild, __NEXT_DATA__: signInPage, initialHmrVersion: '7' };
  expect(inlineScriptsOf({ ...dev, isDevelopment: true })[0]).toBe(
    'var __nextHmrInitialVersion="7";',
  );
  expect(inlineScriptsOf({ ...dev, isDevelopment: false })[0]).not.toContain('HmrInitial');
});
