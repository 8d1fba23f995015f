import type { Locale } from '../../lib/i18n/locales';

/** Every sentence the sign-in pages show, so English and Japanese stay in step. */
export interface Messages {
  signInTitle: string;
  signInLead: (app: string) => string;
  countryLabel: string;
  phoneLabel: string;
  phoneHint: string;
  sendCode: string;
  cancel: string;
  codeTitle: string;
  codeLead: (phone: string) => string;
  codeLabel: string;
  codeHint: string;
  verify: string;
  resend: string;
  resendIn: (seconds: number) => string;
  resent: (phone: string) => string;
  useAnotherNumber: string;
  testPhoneNotice: string;
  outboxNotice: string;
  registerTitle: string;
  registerLead: (phone: string) => string;
  createAccount: string;
  signUpClosed: (phone: string) => string;
  existingAccountTitle: string;
  existingAccountLead: (phone: string) => string;
  signInInstead: string;
  phoneErrors: Record<'empty' | 'too_short' | 'too_long' | 'invalid' | 'invalid_country', string>;
  codeFormat: string;
  codeWrong: (remaining: number) => string;
  codeLocked: string;
  codeExpired: string;
  codeMissing: string;
  tooManySends: (retryAt: string, minutes: number) => string;
  resendTooSoon: (seconds: number) => string;
  errorTitle: string;
  backToApp: string;
  signOutTitle: string;
  signOutLead: string;
  signOut: string;
  signedOutTitle: string;
  signedOutLead: string;
}

const en: Messages = {
  signInTitle: 'Sign in',
  signInLead: (app) => `Continue to ${app} with your phone number. We'll text you a 6-digit code.`,
  countryLabel: 'Country or region',
  phoneLabel: 'Phone number',
  phoneHint: 'The number without the country code, e.g. 090-1234-5678 or 555-555-0100.',
  sendCode: 'Send code',
  cancel: 'Cancel',
  codeTitle: 'Enter your code',
  codeLead: (phone) => `Enter the 6-digit code sent to ${phone}.`,
  codeLabel: 'Verification code',
  codeHint: 'The code is valid for 10 minutes.',
  verify: 'Verify',
  resend: 'Resend code',
  resendIn: (seconds) => `Resend code in ${seconds} s`,
  resent: (phone) => `A new code was sent to ${phone}.`,
  useAnotherNumber: 'Use a different number',
  testPhoneNotice: 'This is a test number: no SMS is sent, use its fixed code.',
  outboxNotice:
    'Development mode: no SMS is sent. Read the code in the terminal or on the outbox page.',
  registerTitle: 'Create your account',
  registerLead: (phone) =>
    `There is no account for ${phone} yet. Your number is verified: create an account with it?`,
  createAccount: 'Create account',
  signUpClosed: (phone) =>
    `There is no account for ${phone}, and this app is not taking new sign-ups. Use the number of an existing account.`,
  existingAccountTitle: 'This number already has an account',
  existingAccountLead: (phone) =>
    `${phone} is verified and already linked to an account. Sign in to it instead?`,
  signInInstead: 'Sign in',
  phoneErrors: {
    empty: 'Enter your phone number.',
    too_short: 'This phone number is too short. Check the digits and the country.',
    too_long: 'This phone number is too long. Check the digits and the country.',
    invalid:
      'This is not a valid phone number for the selected country. Check the digits and the country.',
    invalid_country: 'Choose the country or region of your phone number.',
  },
  codeFormat: 'Enter the 6 digits of the code we sent you.',
  codeWrong: (remaining) =>
    `That code is not right. Check the message and try again (${remaining} ${remaining === 1 ? 'try' : 'tries'} left).`,
  codeLocked: 'Too many wrong tries: this code no longer works. Ask for a new code.',
  codeExpired: 'This code has expired. Ask for a new code.',
  codeMissing: 'There is no active code for this number. Ask for a new code.',
  tooManySends: (retryAt, minutes) =>
    `Too many codes were sent to this number. Try again at ${retryAt} (in about ${minutes} min), or use another number.`,
  resendTooSoon: (seconds) => `Wait ${seconds} s before asking for a new code.`,
  errorTitle: 'Something went wrong',
  backToApp: 'Start again from the app',
  signOutTitle: 'Signing you out…',
  signOutLead: 'Press the button if nothing happens.',
  signOut: 'Sign out',
  signedOutTitle: 'You are signed out',
  signedOutLead: 'You can close this page.',
};

const ja: Messages = {
  signInTitle: 'サインイン',
  signInLead: (app) => `電話番号で${app}にサインインします。6桁のコードをSMSでお送りします。`,
  countryLabel: '国または地域',
  phoneLabel: '電話番号',
  phoneHint: '国番号を除いた番号（例: 090-1234-5678）',
  sendCode: 'コードを送信',
  cancel: 'キャンセル',
  codeTitle: 'コードを入力',
  codeLead: (phone) => `${phone} に6桁のコードを送信しました。`,
  codeLabel: '認証コード',
  codeHint: 'コードの有効期限は10分です。',
  verify: '確認',
  resend: 'コードを再送信',
  resendIn: (seconds) => `${seconds}秒後に再送信できます`,
  resent: (phone) => `${phone} に新しいコードを送信しました。`,
  useAnotherNumber: '別の番号を使う',
  testPhoneNotice: 'テスト用の番号です。SMSは送信されません。固定コードを入力してください。',
  outboxNotice:
    '開発モード: SMSは送信されません。コードはターミナルまたは送信箱ページで確認できます。',
  registerTitle: 'アカウントを作成',
  registerLead: (phone) =>
    `${phone} のアカウントはまだありません。番号は確認済みです。この番号でアカウントを作成しますか？`,
  createAccount: 'アカウントを作成',
  signUpClosed: (phone) =>
    `${phone} のアカウントはありません。このアプリは現在新規登録を受け付けていません。登録済みの番号をお使いください。`,
  existingAccountTitle: 'この番号のアカウントはすでにあります',
  existingAccountLead: (phone) =>
    `${phone} は確認済みで、すでにアカウントに登録されています。そのアカウントでサインインしますか？`,
  signInInstead: 'サインイン',
  phoneErrors: {
    empty: '電話番号を入力してください。',
    too_short: '電話番号が短すぎます。番号と国を確認してください。',
    too_long: '電話番号が長すぎます。番号と国を確認してください。',
    invalid: '選択した国の電話番号として正しくありません。番号と国を確認してください。',
    invalid_country: '電話番号の国または地域を選択してください。',
  },
  codeFormat: '送信された6桁のコードを入力してください。',
  codeWrong: (remaining) =>
    `コードが正しくありません。もう一度お試しください（残り${remaining}回）。`,
  codeLocked:
    '間違いが多すぎるため、このコードは無効になりました。新しいコードをリクエストしてください。',
  codeExpired: 'コードの有効期限が切れました。新しいコードをリクエストしてください。',
  codeMissing: 'この番号に有効なコードはありません。新しいコードをリクエストしてください。',
  tooManySends: (retryAt, minutes) =>
    `この番号へのコード送信が多すぎます。${retryAt}（約${minutes}分後）以降にもう一度お試しいただくか、別の番号をお使いください。`,
  resendTooSoon: (seconds) => `新しいコードをリクエストできるまで${seconds}秒お待ちください。`,
  errorTitle: 'エラーが発生しました',
  backToApp: 'アプリからやり直してください',
  signOutTitle: 'サインアウトしています…',
  signOutLead: '画面が変わらない場合はボタンを押してください。',
  signOut: 'サインアウト',
  signedOutTitle: 'サインアウトしました',
  signedOutLead: 'このページを閉じてかまいません。',
};

// Keyed by every locale the app speaks (lib/i18n/locales.ts): a new one does not compile until
// the sign-in pages speak it too.
const MESSAGES: Record<Locale, Messages> = { en, ja };

/** The sign-in pages' messages in a locale. */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
