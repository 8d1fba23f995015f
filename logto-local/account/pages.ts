import type { CountryCode } from 'libphonenumber-js';
import type { Locale } from '../../lib/i18n/locales';
import { escapeHtml, renderDocument } from '../sign-in/layout';
import { messagesFor } from '../sign-in/messages';
import { countryOptions, type PageNotice } from '../sign-in/pages';
import { accountMessagesFor } from './messages';

/** Where the phone pages post; each form also carries the flow's id. */
export const PHONE_PATH = '/account/phone';

/** Development notices under a code field, as on the sign-in code page. */
export type DevNotice = 'test-phone' | 'outbox' | undefined;

function action(step: string) {
  return `${PHONE_PATH}/${step}`;
}

function flowField(flowId: string) {
  return `<input type="hidden" name="flow" value="${escapeHtml(flowId)}">`;
}

function noticeBlock(id: string, notice: PageNotice | undefined) {
  // The live region exists even when empty, so a later message is announced.
  const text = notice?.kind === 'error' ? escapeHtml(notice.text) : '';
  return `<p id="${id}" class="error" role="alert" aria-live="assertive">${text}</p>`;
}

function cancelLink(returnTo: string | undefined, label: string) {
  return returnTo === undefined
    ? ''
    : `<p><a href="${escapeHtml(returnTo)}">${escapeHtml(label)}</a></p>`;
}

function devNoticeBlock(locale: Locale, devNotice: DevNotice) {
  const t = messagesFor(locale);
  if (devNotice === 'test-phone') return `<p class="notice">${escapeHtml(t.testPhoneNotice)}</p>`;
  if (devNotice === 'outbox') {
    return `<p class="notice">${escapeHtml(t.outboxNotice)} <a href="/dev/sms" target="_blank" rel="noopener">/dev/sms</a></p>`;
  }
  return '';
}

/** First step: the current number, read-only, and the button that sends it a code. */
export function renderVerifyPage(options: {
  flowId: string;
  locale: Locale;
  phoneDisplay: string;
  returnTo: string | undefined;
  notice?: PageNotice;
}): string {
  const t = accountMessagesFor(options.locale);
  const body = `
<h1>${escapeHtml(t.verifyTitle)}</h1>
<p>${escapeHtml(t.verifyPrepare)}</p>
<form method="post" action="${action('send-current')}">
  ${flowField(options.flowId)}
  <label for="current-phone">${escapeHtml(t.phoneLabel)}</label>
  <input id="current-phone" type="tel" readonly value="${escapeHtml(options.phoneDisplay)}">
  ${noticeBlock('send-error', options.notice)}
  <button type="submit">${escapeHtml(t.send)}</button>
</form>
${cancelLink(options.returnTo, t.cancel)}`;
  return renderDocument({ locale: options.locale, title: t.verifyTitle, body });
}

/**
 * A code page: the current number's (`verify-current`) or the new number's (`verify-new`), with a
 * resend button behind Logto's countdown (the server enforces it too) and, for the new number, a
 * way back to type another one.
 */
export function renderCodeStepPage(options: {
  flowId: string;
  locale: Locale;
  step: 'verify-current' | 'verify-new';
  phoneDisplay: string;
  resendInSeconds: number;
  returnTo: string | undefined;
  devNotice: DevNotice;
  notice?: PageNotice;
}): string {
  const t = accountMessagesFor(options.locale);
  const current = options.step === 'verify-current';
  const title = current ? t.verifyTitle : t.newCodeTitle;
  const lead = current ? t.verifySent(options.phoneDisplay) : t.newCodeSent(options.phoneDisplay);
  const invalid = options.notice?.kind === 'error';
  const waiting = options.resendInSeconds > 0;
  const another = current
    ? ''
    : `<form class="inline" method="post" action="${action('use-another-number')}">${flowField(options.flowId)}<button class="secondary" type="submit">${escapeHtml(t.useAnotherNumber)}</button></form>`;
  const body = `
<h1>${escapeHtml(title)}</h1>
<p id="code-lead">${escapeHtml(lead)}</p>
${devNoticeBlock(options.locale, options.devNotice)}
<form method="post" action="${action(options.step)}" novalidate>
  ${flowField(options.flowId)}
  <label for="code">${escapeHtml(t.codeLabel)}</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus
    aria-describedby="code-lead code-error"${invalid ? ' aria-invalid="true"' : ''}>
  ${noticeBlock('code-error', options.notice)}
  <button type="submit">${escapeHtml(t.continue)}</button>
</form>
<form class="inline" method="post" action="${action('resend')}">
  ${flowField(options.flowId)}
  <button id="resend" class="secondary" type="submit" data-wait="${options.resendInSeconds}" data-label="${escapeHtml(`${t.notReceived} ${t.resend}`)}"${waiting ? ' disabled' : ''}>${escapeHtml(waiting ? t.resendIn(options.resendInSeconds) : `${t.notReceived} ${t.resend}`)}</button>
</form>
${another}
${cancelLink(options.returnTo, t.cancel)}`;
  // Enhancement only: the countdown ticks in the browser; the server refuses an early resend.
  const template = JSON.stringify(t.resendIn(999_999)).replace(/</g, '\\u003c');
  const script = `(function(){var b=document.getElementById('resend');var left=Number(b.dataset.wait);var tpl=${template};
function tick(){if(left<=0){b.disabled=false;b.textContent=b.dataset.label;return;}b.disabled=true;b.textContent=tpl.replace('999999',String(left));left-=1;setTimeout(tick,1000);}tick();})();`;
  return renderDocument({ locale: options.locale, title, body, script });
}

/** Second step: the new number, with the same country selector as the sign-in page. */
export function renderNewNumberPage(options: {
  flowId: string;
  locale: Locale;
  country: CountryCode;
  national: string;
  returnTo: string | undefined;
  notice?: PageNotice;
  /** PHONE_COUNTRIES: the only countries offered. */
  countries?: readonly CountryCode[];
}): string {
  const t = accountMessagesFor(options.locale);
  const signIn = messagesFor(options.locale);
  const invalid = options.notice?.kind === 'error';
  const countries = countryOptions(options.locale, options.countries)
    .map(
      ({ code, label }) =>
        `<option value="${code}"${code === options.country ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');
  const body = `
<h1>${escapeHtml(t.linkTitle)}</h1>
<p>${escapeHtml(t.linkDescription)}</p>
<form method="post" action="${action('send-new')}" novalidate>
  ${flowField(options.flowId)}
  <label for="country">${escapeHtml(signIn.countryLabel)}</label>
  <select id="country" name="country" autocomplete="tel-country-code">${countries}</select>
  <label for="phone">${escapeHtml(t.phoneLabel)}</label>
  <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel-national" required maxlength="32"
    value="${escapeHtml(options.national)}" aria-describedby="phone-hint phone-error"${invalid ? ' aria-invalid="true"' : ''} autofocus>
  <p id="phone-hint" class="hint">${escapeHtml(signIn.phoneHint)}</p>
  ${noticeBlock('phone-error', options.notice)}
  <button type="submit">${escapeHtml(t.send)}</button>
</form>
${cancelLink(options.returnTo, t.cancel)}`;
  return renderDocument({ locale: options.locale, title: t.linkTitle, body });
}

/** The end, when there is no app to go back to (no `redirect`): Logto's success page. */
export function renderChangedPage(options: { locale: Locale }): string {
  const t = accountMessagesFor(options.locale);
  const body = `
<h1>${escapeHtml(t.successTitle)}</h1>
<p role="status">${escapeHtml(t.successDescription)}</p>`;
  return renderDocument({ locale: options.locale, title: t.successTitle, body });
}

/** A refusal that ends the visit: no session, the feature off, a foreign `redirect`. */
export function renderAccountErrorPage(options: { locale: Locale; message: string }): string {
  const t = accountMessagesFor(options.locale);
  const body = `
<h1>${escapeHtml(t.errorTitle)}</h1>
<p role="alert">${escapeHtml(options.message)}</p>`;
  return renderDocument({ locale: options.locale, title: t.errorTitle, body });
}
