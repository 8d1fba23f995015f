import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { escapeHtml, renderDocument } from './layout';
import type { Locale } from '../../lib/i18n/locales';
import { messagesFor } from './messages';

/** A notice or error shown above a form; errors are announced by screen readers (role=alert). */
export interface PageNotice {
  kind: 'error' | 'info';
  text: string;
}

const countryOptionsCache = new Map<Locale, { code: CountryCode; label: string }[]>();

/** The country selector's options in a locale, by name; the account pages use them too. */
export function countryOptions(locale: Locale) {
  const cached = countryOptionsCache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const options = getCountries()
    .map((code) => ({
      code,
      label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  countryOptionsCache.set(locale, options);
  return options;
}

function action(uid: string, step: string) {
  return `/interaction/${encodeURIComponent(uid)}/${step}`;
}

/** A secondary button that posts to `step`: cancelling, or starting over with another number. */
function secondaryForm(uid: string, step: 'abort' | 'restart', label: string) {
  return `<form class="inline" method="post" action="${action(uid, step)}"><button class="secondary" type="submit">${escapeHtml(label)}</button></form>`;
}

function cancelForm(uid: string, label: string) {
  return secondaryForm(uid, 'abort', label);
}

function restartForm(uid: string, label: string) {
  return secondaryForm(uid, 'restart', label);
}

function errorBlock(id: string, notice: PageNotice | undefined) {
  // The live region exists even when empty, so a later message is announced.
  const text = notice?.kind === 'error' ? escapeHtml(notice.text) : '';
  return `<p id="${id}" class="error" role="alert" aria-live="assertive">${text}</p>`;
}

function infoBlock(notice: PageNotice | undefined) {
  return notice?.kind === 'info'
    ? `<p class="notice" role="status" aria-live="polite">${escapeHtml(notice.text)}</p>`
    : '';
}

/**
 * The phone entry page: country selector plus national number, prefilled from `login_hint`. The
 * country sits above the number, each at the card's full width: side by side, a name such as
 * "United States (+1)" and the label "Country or region" do not fit half of a 26rem card.
 */
export function renderPhonePage(options: {
  uid: string;
  locale: Locale;
  appName: string;
  country: CountryCode;
  national: string;
  notice?: PageNotice;
}): string {
  const t = messagesFor(options.locale);
  const invalid = options.notice?.kind === 'error';
  const countries = countryOptions(options.locale)
    .map(
      ({ code, label }) =>
        `<option value="${code}"${code === options.country ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');
  const body = `
<h1>${escapeHtml(t.signInTitle)}</h1>
<p>${escapeHtml(t.signInLead(options.appName))}</p>
<form method="post" action="${action(options.uid, 'phone')}" novalidate>
  <label for="country">${escapeHtml(t.countryLabel)}</label>
  <select id="country" name="country" autocomplete="tel-country-code">${countries}</select>
  <label for="phone">${escapeHtml(t.phoneLabel)}</label>
  <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel-national" required maxlength="32"
    value="${escapeHtml(options.national)}" aria-describedby="phone-hint phone-error"${invalid ? ' aria-invalid="true" autofocus' : ''}>
  <p id="phone-hint" class="hint">${escapeHtml(t.phoneHint)}</p>
  ${errorBlock('phone-error', options.notice)}
  ${infoBlock(options.notice)}
  <button type="submit">${escapeHtml(t.sendCode)}</button>
</form>
${cancelForm(options.uid, t.cancel)}`;
  return renderDocument({ locale: options.locale, title: t.signInTitle, body });
}

/** The code entry page: 6 digits, one-time-code autofill, and a resend button behind a countdown. */
export function renderCodePage(options: {
  uid: string;
  locale: Locale;
  phoneDisplay: string;
  resendInSeconds: number;
  notice?: PageNotice;
  devNotice?: 'test-phone' | 'outbox';
}): string {
  const t = messagesFor(options.locale);
  const invalid = options.notice?.kind === 'error';
  const devNotice =
    options.devNotice === 'test-phone'
      ? `<p class="notice">${escapeHtml(t.testPhoneNotice)}</p>`
      : options.devNotice === 'outbox'
        ? `<p class="notice">${escapeHtml(t.outboxNotice)} <a href="/dev/sms" target="_blank" rel="noopener">/dev/sms</a></p>`
        : '';
  const waiting = options.resendInSeconds > 0;
  const body = `
<h1>${escapeHtml(t.codeTitle)}</h1>
<p id="code-lead">${escapeHtml(t.codeLead(options.phoneDisplay))}</p>
${devNotice}
<form method="post" action="${action(options.uid, 'code')}" novalidate>
  <label for="code">${escapeHtml(t.codeLabel)}</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus
    aria-describedby="code-lead code-hint code-error"${invalid ? ' aria-invalid="true"' : ''}>
  <p id="code-hint" class="hint">${escapeHtml(t.codeHint)}</p>
  ${errorBlock('code-error', options.notice)}
  ${infoBlock(options.notice)}
  <button type="submit">${escapeHtml(t.verify)}</button>
</form>
<form class="inline" method="post" action="${action(options.uid, 'resend')}">
  <button id="resend" class="secondary" type="submit" data-wait="${options.resendInSeconds}" data-label="${escapeHtml(t.resend)}"
    data-label-wait="${escapeHtml(t.resendIn(0))}">${escapeHtml(waiting ? t.resendIn(options.resendInSeconds) : t.resend)}</button>
</form>
${restartForm(options.uid, t.useAnotherNumber)}`;
  // Enhancement only: the server enforces the same countdown when the button is pressed early.
  const resendInTemplate = JSON.stringify(t.resendIn(999_999)).replace(/</g, '\\u003c');
  const script = `(function(){var b=document.getElementById('resend');var left=Number(b.dataset.wait);var tpl=${resendInTemplate};
function tick(){if(left<=0){b.disabled=false;b.textContent=b.dataset.label;return;}b.disabled=true;b.textContent=tpl.replace('999999',String(left));left-=1;setTimeout(tick,1000);}tick();
var c=document.getElementById('code');c.addEventListener('input',function(){c.value=c.value.replace(/\\D/g,'').slice(0,6);});
if('OTPCredential' in window){navigator.credentials.get({otp:{transport:['sms']}}).then(function(o){if(o&&o.code){c.value=o.code;c.form.submit();}}).catch(function(){});}})();`;
  return renderDocument({ locale: options.locale, title: t.codeTitle, body, script });
}

/**
 * After the code is verified: an unknown number is offered an account, created only when the
 * person agrees; a number that has one is offered to sign in to it with the code just verified,
 * rather than signed in silently, as Logto does. The other buttons start over or cancel.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in
 */
export function renderVerifiedPage(options: {
  uid: string;
  locale: Locale;
  phoneDisplay: string;
  hasAccount: boolean;
}): string {
  const { uid, locale, phoneDisplay } = options;
  const t = messagesFor(locale);
  const choice = options.hasAccount
    ? {
        title: t.existingAccountTitle,
        lead: t.existingAccountLead(phoneDisplay),
        step: 'sign-in',
        confirm: t.signInInstead,
      }
    : {
        title: t.registerTitle,
        lead: t.registerLead(phoneDisplay),
        step: 'register',
        confirm: t.createAccount,
      };
  const body = `
<h1>${escapeHtml(choice.title)}</h1>
<p>${escapeHtml(choice.lead)}</p>
<form method="post" action="${action(uid, choice.step)}"><button type="submit">${escapeHtml(choice.confirm)}</button></form>
${restartForm(uid, t.useAnotherNumber)}
${cancelForm(uid, t.cancel)}`;
  return renderDocument({ locale, title: choice.title, body });
}

/** A clear error page for anything that cannot continue (expired interaction, bad request…). */
export function renderErrorPage(options: {
  locale: Locale;
  message: string;
  detail?: string;
}): string {
  const t = messagesFor(options.locale);
  const detail = options.detail ? `<p class="hint">${escapeHtml(options.detail)}</p>` : '';
  const body = `
<h1>${escapeHtml(t.errorTitle)}</h1>
<p role="alert">${escapeHtml(options.message)}</p>
${detail}
<p>${escapeHtml(t.backToApp)}</p>`;
  return renderDocument({ locale: options.locale, title: t.errorTitle, body });
}

/** The RP-initiated logout confirmation: submits itself, and still works without JavaScript. */
export function renderLogoutPage(options: { locale: Locale; form: string }): string {
  const t = messagesFor(options.locale);
  const body = `
<h1>${escapeHtml(t.signOutTitle)}</h1>
<p>${escapeHtml(t.signOutLead)}</p>
${options.form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">${escapeHtml(t.signOut)}</button>`;
  const script = `(function(){var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();})();`;
  return renderDocument({ locale: options.locale, title: t.signOutTitle, body, script });
}

/** Shown after sign-out when the app sent no post_logout_redirect_uri. */
export function renderSignedOutPage(locale: Locale): string {
  const t = messagesFor(locale);
  return renderDocument({
    locale,
    title: t.signedOutTitle,
    body: `<h1>${escapeHtml(t.signedOutTitle)}</h1><p>${escapeHtml(t.signedOutLead)}</p>`,
  });
}
