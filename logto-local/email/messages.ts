import type { Locale } from '../../lib/i18n/locales';

/** The sentences of the sign-in pages that are about email, and the switches between identifiers. */
export interface EmailMessages {
  emailLabel: string;
  emailHint: string;
  emailInvalid: string;
  signInLead: (app: string) => string;
  useEmail: string;
  usePhone: string;
  outboxNotice: string;
  registerLead: (email: string) => string;
  existingAccountLead: (email: string) => string;
  signUpClosed: (email: string) => string;
  notEnabled: string;
}

const en: EmailMessages = {
  emailLabel: 'Email',
  emailHint: 'The address you signed up with, or the one to sign up with.',
  emailInvalid: 'Enter a valid email address, like ada@example.com.',
  signInLead: (app) => `Continue to ${app} with your email. We'll email you a 6-digit code.`,
  useEmail: 'Use email instead',
  usePhone: 'Use a phone number instead',
  outboxNotice:
    'Development mode: no email is sent. Read the code in the terminal or on the email outbox page.',
  registerLead: (email) =>
    `There is no account for ${email} yet. Your email is verified: create an account with it?`,
  existingAccountLead: (email) =>
    `${email} is verified and already linked to an account. Sign in to it instead?`,
  signUpClosed: (email) =>
    `There is no account for ${email}, and this app is not taking new sign-ups with it. Use the email or number of an existing account.`,
  notEnabled: 'This app does not take this kind of sign-in. Use a phone number.',
};

const ja: EmailMessages = {
  emailLabel: 'メールアドレス',
  emailHint: '登録済みのメールアドレス、または登録するメールアドレス',
  emailInvalid: '正しいメールアドレスを入力してください（例: ada@example.com）。',
  signInLead: (app) =>
    `メールアドレスで${app}にサインインします。6桁のコードをメールでお送りします。`,
  useEmail: 'メールアドレスを使う',
  usePhone: '電話番号を使う',
  outboxNotice:
    '開発モード: メールは送信されません。コードはターミナルまたはメール送信箱ページで確認できます。',
  registerLead: (email) =>
    `${email} のアカウントはまだありません。メールアドレスは確認済みです。このアドレスでアカウントを作成しますか？`,
  existingAccountLead: (email) =>
    `${email} は確認済みで、すでにアカウントに登録されています。そのアカウントでサインインしますか？`,
  signUpClosed: (email) =>
    `${email} のアカウントはありません。このアプリはこの方法での新規登録を受け付けていません。登録済みのメールアドレスか番号をお使いください。`,
  notEnabled: 'このアプリはこの方法でのサインインを受け付けていません。電話番号をお使いください。',
};

const MESSAGES: Record<Locale, EmailMessages> = { en, ja };

/** The email sentences in a locale. */
export function emailMessagesFor(locale: Locale): EmailMessages {
  return MESSAGES[locale];
}

/** What Logto's sign-in page accepts as an email. @see https://github.com/logto-io/logto/blob/master/packages/toolkit/core-kit/src/regex.ts */
export const EMAIL_PATTERN = /^\S+@\S+\.\S+$/;
