import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { escapeHtml, renderDocument } from './layout';
import type { Locale } from '../../lib/i18n/locales';
import { messagesFor } from './messages';
import { emailMessagesFor } from '../email/messages';
import { passwordMessagesFor } from '../passwords/messages';
import type { SignInFlow } from '../store/sign-in-progress';

/** A notice or error shown above a form; errors are announced by screen readers (role=alert). */
export interface PageNotice {
  kind: 'error' | 'info';
  text: string;
}

const countryOptionsCache = new Map<Locale, { code: CountryCode; label: string }[]>();

/**
 * The country selector's options in a locale, by name; the account pages use them too. With an
 * allowlist (PHONE_COUNTRIES), only its countries.
 */
export function countryOptions(locale: Locale, allowlist?: readonly CountryCode[]) {
  const all = allCountryOptions(locale);
  return allowlist ? all.filter(({ code }) => allowlist.includes(code)) : all;
}

function allCountryOptions(locale: Locale) {
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

export function action(uid: string, step: string) {
  return `/interaction/${encodeURIComponent(uid)}/${step}`;
}

/** A secondary button that posts to `step`: cancelling, or starting over with another number. */
export function secondaryForm(
  uid: string,
  step: string,
  label: string,
  fields: Record<string, string> = {},
) {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  return `<form class="inline" method="post" action="${action(uid, step)}">${hidden}<button class="secondary" type="submit">${escapeHtml(label)}</button></form>`;
}

export function cancelForm(uid: string, label: string) {
  return secondaryForm(uid, 'abort', label);
}

export function restartForm(uid: string, label: string) {
  return secondaryForm(uid, 'restart', label);
}

export function errorBlock(id: string, notice: PageNotice | undefined) {
  // The live region exists even when empty, so a later message is announced.
  const text = notice?.kind === 'error' ? escapeHtml(notice.text) : '';
  return `<p id="${id}" class="error" role="alert" aria-live="assertive">${text}</p>`;
}

export function infoBlock(notice: PageNotice | undefined) {
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
  /** Sign-in (default), sign-up or password reset: the title and lead follow it. */
  flow?: SignInFlow;
  /** Where "Use email instead" goes, when this flow takes an email too. */
  emailHref?: string;
  /** PHONE_COUNTRIES: the only countries offered. */
  countries?: readonly CountryCode[];
}): string {
  const t = messagesFor(options.locale);
  const flow = options.flow ?? 'sign-in';
  const countries = countryOptions(options.locale, options.countries)
    .map(
      ({ code, label }) =>
        `<option value="${code}"${code === options.country ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');
  const phoneInput = identifierInput({
    name: 'phone',
    label: t.phoneLabel,
    attributes: 'type="tel" inputmode="tel" autocomplete="tel-national" required maxlength="32"',
    value: options.national,
    hint: t.phoneHint,
    invalid: options.notice?.kind === 'error',
  });
  const fields = `
  <label for="country">${escapeHtml(t.countryLabel)}</label>
  <select id="country" name="country" autocomplete="tel-country-code">${countries}</select>${phoneInput}`;
  return renderIdentifierPage({
    ...options,
    flow,
    identifier: 'phone',
    signInLead: t.signInLead(options.appName),
    fields,
    switchTo: options.emailHref
      ? { href: options.emailHref, label: emailMessagesFor(options.locale).useEmail }
      : undefined,
  });
}

/**
 * What the phone and email pages share: the flow's title and lead, a form posting the identifier
 * to its step with the flow, its error and notice, the send button, the switch link and cancel.
 */
function renderIdentifierPage(options: {
  uid: string;
  locale: Locale;
  flow: SignInFlow;
  identifier: 'phone' | 'email';
  /** The lead of sign-in and sign-up; a reset has its own. */
  signInLead: string;
  /** The form's inputs, each line indented by two spaces. */
  fields: string;
  notice?: PageNotice;
  switchTo?: { href: string; label: string };
}): string {
  const heading = flowHeading(options.locale, options.flow);
  const lead =
    options.flow === 'reset' ? passwordMessagesFor(options.locale).resetLead : options.signInLead;
  const switchLink = options.switchTo
    ? `<p><a href="${escapeHtml(options.switchTo.href)}">${escapeHtml(options.switchTo.label)}</a></p>`
    : '';
  const body = `
<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(lead)}</p>
<form method="post" action="${action(options.uid, options.identifier)}" novalidate>
  <input type="hidden" name="flow" value="${options.flow}">${options.fields}
  ${errorBlock(`${options.identifier}-error`, options.notice)}
  ${infoBlock(options.notice)}
  <button type="submit">${escapeHtml(messagesFor(options.locale).sendCode)}</button>
</form>
${switchLink}
${cancelForm(options.uid, messagesFor(options.locale).cancel)}`;
  return renderDocument({ locale: options.locale, title: heading, body });
}

/** The identifier's label, input and hint; the input names its hint and its error for screen readers. */
function identifierInput(input: {
  name: 'phone' | 'email';
  label: string;
  /** The input's type, keyboard, autofill and bounds. */
  attributes: string;
  value: string;
  hint: string;
  invalid: boolean;
}): string {
  const { name } = input;
  return `
  <label for="${name}">${escapeHtml(input.label)}</label>
  <input id="${name}" name="${name}" ${input.attributes}
    value="${escapeHtml(input.value)}" aria-describedby="${name}-hint ${name}-error"${input.invalid ? ' aria-invalid="true" autofocus' : ''}>
  <p id="${name}-hint" class="hint">${escapeHtml(input.hint)}</p>`;
}

/** The title of an identifier page: "Sign in", "Create your account" or "Reset password". */
function flowHeading(locale: Locale, flow: SignInFlow): string {
  if (flow === 'reset') return passwordMessagesFor(locale).resetTitle;
  return flow === 'register' ? messagesFor(locale).registerTitle : messagesFor(locale).signInTitle;
}

/**
 * The email entry page, offered beside the phone page when the tenant takes email for this flow
 * (Logto's "Email or phone number"); the person switches between the two with one link.
 */
export function renderEmailPage(options: {
  uid: string;
  locale: Locale;
  appName: string;
  email: string;
  notice?: PageNotice;
  flow: SignInFlow;
  /** Where "Use a phone number instead" goes, when this flow takes a phone too. */
  phoneHref?: string;
}): string {
  const e = emailMessagesFor(options.locale);
  const fields = identifierInput({
    name: 'email',
    label: e.emailLabel,
    attributes: 'type="email" inputmode="email" autocomplete="email" required maxlength="254"',
    value: options.email,
    hint: e.emailHint,
    invalid: options.notice?.kind === 'error',
  });
  return renderIdentifierPage({
    ...options,
    identifier: 'email',
    signInLead: e.signInLead(options.appName),
    fields,
    switchTo: options.phoneHref ? { href: options.phoneHref, label: e.usePhone } : undefined,
  });
}

/** The code entry page: 6 digits, one-time-code autofill, and a resend button behind a countdown. */
export function renderCodePage(options: {
  uid: string;
  locale: Locale;
  phoneDisplay: string;
  resendInSeconds: number;
  notice?: PageNotice;
  devNotice?: 'test-phone' | 'outbox' | 'email-outbox';
  /** Offer "Sign in with password" (the method has both and the code came first). */
  usePassword?: boolean;
}): string {
  const t = messagesFor(options.locale);
  const invalid = options.notice?.kind === 'error';
  const devNotice =
    options.devNotice === 'test-phone'
      ? `<p class="notice">${escapeHtml(t.testPhoneNotice)}</p>`
      : options.devNotice === 'outbox'
        ? `<p class="notice">${escapeHtml(t.outboxNotice)} <a href="/dev/sms" target="_blank" rel="noopener">/dev/sms</a></p>`
        : options.devNotice === 'email-outbox'
          ? `<p class="notice">${escapeHtml(emailMessagesFor(options.locale).outboxNotice)} <a href="/dev/email" target="_blank" rel="noopener">/dev/email</a></p>`
          : '';
  const usePassword = options.usePassword
    ? secondaryForm(options.uid, 'use-password', passwordMessagesFor(options.locale).usePassword)
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
${usePassword}
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
  // The same page for a verified email, in words about an email.
  const leads = phoneDisplay.includes('@') ? emailMessagesFor(locale) : t;
  const choice = options.hasAccount
    ? {
        title: t.existingAccountTitle,
        lead: leads.existingAccountLead(phoneDisplay),
        step: 'sign-in',
        confirm: t.signInInstead,
      }
    : {
        title: t.registerTitle,
        lead: leads.registerLead(phoneDisplay),
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
