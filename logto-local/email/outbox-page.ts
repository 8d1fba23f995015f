import { escapeHtml, renderDocument } from '../sign-in/layout';
import type { Locale } from '../../lib/i18n/locales';
import { OUTBOX_REFRESH_SECONDS } from '../sms/outbox-page';
import type { EmailOutboxEntry } from './types';

const COPY = {
  en: {
    title: 'Dev email outbox',
    lead: 'Emails logto-local would have sent. SMTP is not configured, so nothing left this machine. This page refreshes itself.',
    empty: 'No emails yet. Ask for a code with an email address and it shows up here.',
    to: 'To',
    subject: 'Subject',
    usage: 'Usage',
    sent: 'Sent',
  },
  ja: {
    title: '開発用メール送信箱',
    lead: 'logto-local が送るはずだったメールです。SMTP が未設定のため、実際には送信されていません。このページは自動で更新されます。',
    empty: 'まだメールはありません。メールアドレスでコードを要求すると、ここに表示されます。',
    to: '宛先',
    subject: '件名',
    usage: '用途',
    sent: '送信日時',
  },
} as const;

/**
 * The dev email outbox served at GET /dev/email: emails newest first, the code large, refreshing
 * itself like the SMS outbox (/dev/sms) so it needs no JavaScript.
 */
export function renderEmailOutboxPage(entries: EmailOutboxEntry[], locale: Locale): string {
  const copy = COPY[locale];
  const items = entries
    .map(
      (entry) => `<li class="notice">
  <p class="code" aria-label="${escapeHtml(`${entry.code}`)}"><strong>${escapeHtml(entry.code)}</strong></p>
  <p>${copy.to}: ${escapeHtml(entry.to)} · ${copy.usage}: ${escapeHtml(entry.usageType)} · ${copy.sent}: <time datetime="${escapeHtml(entry.sentAt)}">${escapeHtml(entry.sentAt)}</time></p>
  <p>${copy.subject}: ${escapeHtml(entry.subject)}</p>
  <pre>${escapeHtml(entry.text)}</pre>
</li>`,
    )
    .join('\n');
  const body = `<h1>${copy.title}</h1>
<p>${copy.lead}</p>
${entries.length === 0 ? `<p>${copy.empty}</p>` : `<ol aria-label="${copy.title}">${items}</ol>`}`;
  return renderDocument({ locale, title: copy.title, body }).replace(
    '<meta name="robots" content="noindex">',
    `<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="${OUTBOX_REFRESH_SECONDS}">`,
  );
}
