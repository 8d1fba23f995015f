/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { createHash } from 'node:crypto';
import type { ComponentProps } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
// The test renders the document as Next does, under the context Next hands it.
// eslint-disable-next-line @next/next/no-document-import-in-page
import { NextScript } from 'next/document';
import Document, { ContentSecurityPolicyMeta } from '@/pages/_document';
import { documentPolicy, inlineScriptsIn } from '@/lib/security/document-policy';

type DocumentContext = ComponentProps<typeof NextScript.contextType.Provider>['value'];

/** A Turbopack production build manifest for `/signin`, as `next build` writes it. */
const turbopackBuild = {
  devFiles: [],
  polyfillFiles: ['static/chunks/polyfills.js'],
  lowPriorityFiles: [],
  rootMainFiles: ['static/chunks/main.js'],
  rootMainFilesTree: {},
  pages: { '/_app': ['static/chunks/app.js'], '/signin': ['static/chunks/signin.js'] },
  chunkLoadingGlobal: 'TURBOPACK',
  pagesChunkGroupBootstrapParams: {
    '/_app': { otherChunks: ['static/chunks/app.js'], runtimeModuleIds: [1] },
    '/signin': { otherChunks: ['static/chunks/signin.js</script>'], runtimeModuleIds: [2] },
  },
};

/** What Next hands the document of `/signin` (next/dist/server/render.js builds the same). */
function signInDocument(overrides: Partial<NonNullable<DocumentContext>> = {}) {
  return {
    __NEXT_DATA__: { page: '/signin', props: { pageProps: {} }, query: {}, buildId: 'b1' },
    buildManifest: turbopackBuild,
    docComponentsRendered: {},
    dangerousAsPath: '/signin',
    isDevelopment: false,
    deploymentId: undefined,
    dynamicImports: [],
    dynamicCssManifest: new Set<string>(),
    assetPrefix: '',
    assetQueryString: '',
    cssAssetQueryString: '',
    mutableAssetQueryString: '',
    scriptLoader: {},
    locale: 'en',
    disableOptimizedLoading: false,
    head: [],
    headTags: [],
    styles: [],
    ...overrides,
  } as NonNullable<DocumentContext>;
}

/** The whole document pages/_document.tsx renders, as Next renders it. */
function renderDocument(context: NonNullable<DocumentContext>) {
  return renderToStaticMarkup(
    <NextScript.contextType.Provider value={context}>
      <Document />
    </NextScript.contextType.Provider>,
  );
}

function scriptSrc(policy: string) {
  return /script-src ([^;]*)/.exec(policy)?.[1]?.split(' ');
}

function policyIn(html: string) {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  return content?.replaceAll('&#x27;', "'") ?? '';
}

const hashOf = (script: string) =>
  `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

describe('the policy pages/_document.tsx writes', () => {
  it('allows the Turbopack bootstrap of a production page by its hash, and no other inline script', () => {
    const html = renderDocument(signInDocument());

    const scripts = inlineScriptsIn(html);
    // Next escapes `<` inside the script, so that `</script>` cannot end it early.
    expect(scripts).toEqual([
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/app.js"],"runtimeModuleIds":[1]});\n' +
        '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/signin.js\\u003c/script\\u003e"],"runtimeModuleIds":[2]});',
    ]);
    expect(scriptSrc(policyIn(html))).toEqual(["'self'", hashOf(scripts[0]!)]);
  });

  it('comes before every script of the page, so it governs them all', () => {
    const html = renderDocument(signInDocument());
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('allows the hot-reload version script of `next dev` by its hash', () => {
    const html = renderDocument(signInDocument({ isDevelopment: true, initialHmrVersion: '7' }));

    const scripts = inlineScriptsIn(html);
    expect(scripts).toContain('var __nextHmrInitialVersion="7";');
    expect(scriptSrc(policyIn(html))).toEqual(["'self'", ...scripts.map(hashOf)]);
  });

  it('allows a next/script beforeInteractive inline script by its hash', () => {
    const early = { strategy: 'beforeInteractive', dangerouslySetInnerHTML: { __html: 'x=1' } };
    const html = renderDocument(signInDocument({ scriptLoader: { beforeInteractive: [early] } }));

    expect(inlineScriptsIn(html)).toContain('x=1');
    expect(scriptSrc(policyIn(html))).toContain(hashOf('x=1'));
  });

  it('allows no inline script when the build has no bootstrap (webpack)', () => {
    const webpackBuild = { ...turbopackBuild, pagesChunkGroupBootstrapParams: undefined };
    const html = renderDocument(signInDocument({ buildManifest: webpackBuild }));

    expect(inlineScriptsIn(html)).toEqual([]);
    expect(scriptSrc(policyIn(html))).toEqual(["'self'"]);
  });

  it('leaves the record of rendered document components to Next’s own render', () => {
    const context = signInDocument();
    renderToStaticMarkup(
      <NextScript.contextType.Provider value={context}>
        <ContentSecurityPolicyMeta />
      </NextScript.contextType.Provider>,
    );
    // Next warns in development about a component the document did not render.
    expect(context.docComponentsRendered).toEqual({});
  });
});

describe('the inline scripts a browser runs', () => {
  it('are those without src whose type is absent or JavaScript', () => {
    const html = [
      '<script src="/a.js"></script>',
      '<script>one()</script>',
      '<script id="__NEXT_DATA__" type="application/json">{"a":1}</script>',
      '<script type="module">two()</script>',
      '<script type="text/javascript" nonce="n">three()</script>',
      '<script type="text/plain">four()</script>',
      '<script defer="" src="/b.js" type="module"></script>',
    ].join('');
    expect(inlineScriptsIn(html)).toEqual(['one()', 'two()', 'three()']);
  });
});

describe('the policy itself', () => {
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
});
