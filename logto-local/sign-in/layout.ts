import type { Locale } from '../../lib/i18n/locales';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLES = `
:root{color-scheme:light dark;--fg:#1b1b1f;--muted:#5b5b66;--bg:#f4f4f7;--card:#fff;--accent:#5d34f2;--accent-fg:#fff;--error:#b3261e;--border:#c7c7d1}
@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--muted:#a9a9b6;--bg:#141418;--card:#1e1e24;--accent:#a58cff;--accent-fg:#141418;--error:#ffb4ab;--border:#45454f}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif}
main{width:min(100% - 2rem,26rem);margin:2rem auto;padding:2rem;background:var(--card);border-radius:12px;box-shadow:0 1px 3px rgb(0 0 0/.12)}
h1{font-size:1.5rem;margin:0 0 .5rem}
p{margin:.25rem 0 1rem;color:var(--muted)}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input,select{width:100%;font:inherit;padding:.65rem .75rem;border:1px solid var(--border);border-radius:8px;background:transparent;color:inherit}
input[aria-invalid=true]{border-color:var(--error)}
input:focus-visible,select:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
#code{font-size:1.5rem;letter-spacing:.4em;text-align:center}
.hint{font-size:.875rem;color:var(--muted);margin:.25rem 0 0}
.error{color:var(--error);font-weight:600;margin:.5rem 0 0}
.notice{font-size:.875rem;padding:.5rem .75rem;border-left:3px solid var(--accent);margin:1rem 0}
button{width:100%;font:inherit;font-weight:600;padding:.7rem;margin-top:1.25rem;border-radius:8px;border:0;background:var(--accent);color:var(--accent-fg);cursor:pointer}
button.secondary{background:transparent;color:var(--accent);border:1px solid var(--border);margin-top:.75rem}
button:disabled{opacity:.6;cursor:not-allowed}
form.inline{margin:0}
a{color:var(--accent)}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/**
 * Wraps a page body in a complete, self-contained HTML document (no external assets), so the
 * pages work offline and without JavaScript.
 */
export function renderDocument(options: {
  locale: Locale;
  title: string;
  body: string;
  script?: string;
}): string {
  const script = options.script ? `<script>${options.script}</script>` : '';
  return `<!DOCTYPE html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} · logto-local</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${options.body}
</main>
${script}
</body>
</html>`;
}
