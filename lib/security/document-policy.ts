import { createHash } from 'node:crypto';
// The two helpers pages/_document's <NextScript> itself uses to write its inline script; hashing
// their output hashes exactly what the browser will see.
import {
  getTurbopackChunkGroupBootstrap,
  type BuildManifest,
} from 'next/dist/server/get-page-files';
import { htmlEscapeJsonString } from 'next/dist/shared/lib/htmlescape';

/**
 * The Content-Security-Policy of one HTML page, delivered as a `<meta>` by pages/_document.tsx.
 * Scripts come only from this origin, plus the page's own inline script by its SHA-256: a
 * Turbopack production build gives each Pages Router page an inline bootstrap
 * (`globalThis.TURBOPACK.push({...})`) that differs per page and per build, so neither a fixed
 * header nor `'unsafe-inline'` fits. A hash fits static pages too, where a per-request nonce
 * would force every page to render on demand. `next dev` evaluates modules with `eval` for fast
 * refresh, so only development adds `'unsafe-eval'`. Styles keep `'unsafe-inline'`: React writes
 * `style` attributes (book covers), and that is not script. `frame-ancestors` is in the header
 * (./headers.ts): browsers ignore it in a `<meta>`.
 * @see https://www.w3.org/TR/CSP3/#meta-element
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src
 */
export function documentPolicy(options: {
  development: boolean;
  /** The text of each inline script the page carries. */
  inlineScripts: readonly string[];
}): string {
  const scriptSources = [
    "'self'",
    ...options.inlineScripts.map((script) => `'sha256-${sha256(script)}'`),
    ...(options.development ? ["'unsafe-eval'"] : []),
  ];
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

/**
 * The inline scripts <NextScript> writes for this page, as it writes them: in a Turbopack
 * production build, the bootstrap of `/_app` and the page; under `next dev` (Turbopack), the
 * hot-reload version. The page data (`__NEXT_DATA__`) is `type="application/json"`, which does
 * not run and CSP does not govern.
 */
export function inlineScriptsOf(props: {
  buildManifest: BuildManifest;
  __NEXT_DATA__: { page: string };
  isDevelopment?: boolean;
  initialHmrVersion?: string;
}): string[] {
  const scripts: string[] = [];
  if (props.isDevelopment && props.initialHmrVersion !== undefined) {
    scripts.push(
      `var __nextHmrInitialVersion=${htmlEscapeJsonString(JSON.stringify(props.initialHmrVersion))};`,
    );
  }
  const { pagesChunkGroupBootstrapParams, chunkLoadingGlobal } = props.buildManifest;
  if (pagesChunkGroupBootstrapParams && chunkLoadingGlobal) {
    const bootstrap = getTurbopackChunkGroupBootstrap(
      pagesChunkGroupBootstrapParams,
      chunkLoadingGlobal,
      ['/_app', props.__NEXT_DATA__.page],
    );
    if (bootstrap) scripts.push(htmlEscapeJsonString(bootstrap));
  }
  return scripts;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
