import type { Locale } from '../../lib/i18n/locales';
import { escapeHtml, renderDocument } from '../sign-in/layout';
import { messagesFor } from '../sign-in/messages';
import {
  action,
  cancelForm,
  errorBlock,
  infoBlock,
  restartForm,
  secondaryForm,
  type PageNotice,
} from '../sign-in/pages';
import { passwordMessagesFor } from './messages';

/**
 * The password page of a sign-in: the identifier it is for, one password field, and the ways out
 * Logto offers beside it: "Forgot your password?" when a reset is possible for this identifier,
 * and "Sign in with verification code" when the method has codes too.
 * @see https://github.com/logto-io/logto/tree/master/packages/experience/src/pages/SignInPassword
 */
export function renderPasswordPage(options: {
  uid: string;
  locale: Locale;
  identifierDisplay: string;
  notice?: PageNotice;
  forgotPassword: boolean;
  useCode: boolean;
}): string {
  const t = messagesFor(options.locale);
  const p = passwordMessagesFor(options.locale);
  const invalid = options.notice?.kind === 'error';
  const body = `
<h1>${escapeHtml(p.passwordTitle)}</h1>
<p id="password-lead">${escapeHtml(p.passwordLead(options.identifierDisplay))}</p>
<form method="post" action="${action(options.uid, 'password')}" novalidate>
  <label for="password">${escapeHtml(p.passwordLabel)}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256" autofocus
    aria-describedby="password-lead password-error"${invalid ? ' aria-invalid="true"' : ''}>
  ${errorBlock('password-error', options.notice)}
  ${infoBlock(options.notice)}
  <button type="submit">${escapeHtml(p.signIn)}</button>
</form>
${options.forgotPassword ? secondaryForm(options.uid, 'forgot-password', p.forgotPassword) : ''}
${options.useCode ? secondaryForm(options.uid, 'use-code', p.useCode) : ''}
${restartForm(options.uid, t.useAnotherNumber)}
${cancelForm(options.uid, t.cancel)}`;
  return renderDocument({ locale: options.locale, title: p.passwordTitle, body });
}

/**
 * The page that asks for a new password: "Create a password" at sign-up, after the code, and
 * "Reset password" once a reset code is verified. The policy is checked when it is submitted.
 */
export function renderNewPasswordPage(options: {
  uid: string;
  locale: Locale;
  purpose: 'create' | 'reset';
  identifierDisplay: string;
  minLength: number;
  notice?: PageNotice;
}): string {
  const t = messagesFor(options.locale);
  const p = passwordMessagesFor(options.locale);
  const title = options.purpose === 'create' ? p.createPasswordTitle : p.resetTitle;
  const lead =
    options.purpose === 'create'
      ? p.createPasswordLead(options.identifierDisplay)
      : options.identifierDisplay;
  const step = options.purpose === 'create' ? 'create-password' : 'new-password';
  const invalid = options.notice?.kind === 'error';
  const body = `
<h1>${escapeHtml(title)}</h1>
<p id="new-password-lead">${escapeHtml(lead)}</p>
<form method="post" action="${action(options.uid, step)}" novalidate>
  <label for="new-password">${escapeHtml(p.newPasswordLabel)}</label>
  <input id="new-password" name="password" type="password" autocomplete="new-password" required maxlength="256" autofocus
    aria-describedby="new-password-hint new-password-error"${invalid ? ' aria-invalid="true"' : ''}>
  <p id="new-password-hint" class="hint">${escapeHtml(p.policyHint(options.minLength))}</p>
  ${errorBlock('new-password-error', options.notice)}
  <button type="submit">${escapeHtml(p.savePassword)}</button>
</form>
${cancelForm(options.uid, t.cancel)}`;
  return renderDocument({ locale: options.locale, title, body });
}
