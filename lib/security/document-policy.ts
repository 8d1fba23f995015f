import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy of one HTML page, delivered as a `<meta>` by pages/_document.tsx.
 * Scripts come only from this origin, plus the page's own inline scripts by their SHA-256: a
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

/** `type` values a browser runs as script; any other (`application/json`, …) is data. */
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);
const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/**
 * The text of each inline script in `html` that a browser would run: no `src`, and no `type`
 * or a JavaScript one. The page data (`__NEXT_DATA__`, `type="application/json"`) does not run,
 * and CSP does not govern it.
 * @see https://html.spec.whatwg.org/multipage/scripting.html#attr-script-type
 */
export function inlineScriptsIn(html: string): string[] {
  const scripts: string[] = [];
  for (const [, attributes = '', text = ''] of html.matchAll(SCRIPT_ELEMENT)) {
    if (/\ssrc=/i.test(attributes)) continue;
    const type = /\stype="([^"]*)"/i.exec(attributes)?.[1]?.trim().toLowerCase() ?? '';
    if (SCRIPT_TYPES.has(type)) scripts.push(text);
  }
  return scripts;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
