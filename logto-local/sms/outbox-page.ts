import { formatPhoneForLog } from './outbox-sender';
import type { Locale } from '../../lib/i18n/locales';
import type { OutboxEntry } from './types';

/** Seconds between the page's own refreshes: a new code appears without touching the page. */
export const OUTBOX_REFRESH_SECONDS = 2;

const COPY = {
  en: {
    title: 'Dev SMS outbox',
    lead: 'Messages logto-local would have sent by SMS. Vonage is not configured, so nothing left this machine. This page refreshes itself.',
    empty: 'No messages yet. Ask for a code on the sign-in page and it shows up here.',
    to: 'To',
    code: 'Code',
    usage: 'Usage',
    sent: 'Sent',
  },
  ja: {
    title: '開発用 SMS 送信箱',
    lead: 'logto-local が SMS で送るはずだったメッセージです。Vonage が未設定のため、実際には送信されていません。このページは自動で更新されます。',
    empty: 'まだメッセージはありません。サインイン画面でコードを要求すると、ここに表示されます。',
    to: '宛先',
    code: 'コード',
    usage: '用途',
    sent: '送信日時',
  },
} as const;

/** Escapes text for HTML element content and quoted attribute values. */
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function renderEntry(entry: OutboxEntry, copy: (typeof COPY)[Locale]): string {
  return `<li class="message">
  <p class="code" aria-label="${escapeHtml(`${copy.code} ${entry.code}`)}">${escapeHtml(entry.code)}</p>
  <dl>
    <dt>${copy.to}</dt><dd>${escapeHtml(formatPhoneForLog(entry.to))}</dd>
    <dt>${copy.usage}</dt><dd>${escapeHtml(entry.usageType)}</dd>
    <dt>${copy.sent}</dt><dd><time datetime="${escapeHtml(entry.sentAt)}">${escapeHtml(entry.sentAt)}</time></dd>
  </dl>
  <pre class="text">${escapeHtml(entry.text)}</pre>
</li>`;
}

/**
 * The dev outbox page served at GET /dev/sms: messages newest first, the code large, refreshing
 * itself with a meta refresh so it needs no JavaScript.
 * @see https://html.spec.whatwg.org/multipage/semantics.html#attr-meta-http-equiv-refresh
 */
export function renderOutboxPage(entries: OutboxEntry[], locale: Locale = 'en'): string {
  const copy = COPY[locale];
  const body =
    entries.length === 0
      ? `<p class="empty">${copy.empty}</p>`
      : `<ol class="messages" aria-label="${copy.title}">\n${entries.map((entry) => renderEntry(entry, copy)).join('\n')}\n</ol>`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${OUTBOX_REFRESH_SECONDS}">
<title>${copy.title} · logto-local</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1.5rem; color: #1a1a1a; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  .lead, .empty { color: #555; }
  .messages { list-style: none; padding: 0; }
  .message { border: 1px solid #ccc; border-radius: .5rem; padding: 1rem; margin: 0 0 1rem; }
  .code { font: 700 2rem/1.2 ui-monospace, monospace; letter-spacing: .2em; margin: 0 0 .5rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .125rem 1rem; margin: 0 0 .5rem; }
  dt { color: #555; }
  dd { margin: 0; }
  .text { white-space: pre-wrap; background: #f4f4f4; padding: .5rem; border-radius: .25rem; margin: 0; font-size: .875rem; }
</style>
</head>
<body>
<main>
<h1>${copy.title}</h1>
<p class="lead">${copy.lead}</p>
${body}
</main>
</body>
</html>
`;
}
