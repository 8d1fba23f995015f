import type { Locale } from '../../lib/i18n/locales';

/** Every sentence of the password, sign-up password and reset pages, in each locale. */
export interface PasswordMessages {
  passwordTitle: string;
  passwordLead: (identifier: string) => string;
  passwordLabel: string;
  signIn: string;
  forgotPassword: string;
  useCode: string;
  usePassword: string;
  wrongPassword: string;
  createPasswordTitle: string;
  createPasswordLead: (identifier: string) => string;
  newPasswordLabel: string;
  savePassword: string;
  policyHint: (min: number) => string;
  resetTitle: string;
  resetLead: string;
  resetNoAccount: (identifier: string) => string;
  samePassword: string;
  passwordChanged: string;
  /** Logto's words for each way a password can break the policy. */
  rejected: {
    tooShort: (min: number) => string;
    tooLong: (max: number) => string;
    characterTypes: (min: number) => string;
    unsupportedCharacters: string;
    pwned: string;
    restrictedFound: (list: string[]) => string;
    restricted: { repetition: string; sequence: string; user_info: string; words: string };
  };
}

// The rejection sentences are Logto's own (phrases-experience, error.password_rejected).
// @see https://github.com/logto-io/logto/tree/master/packages/phrases-experience/src/locales
const en: PasswordMessages = {
  passwordTitle: 'Enter your password',
  passwordLead: (identifier) => `Sign in to ${identifier} with your password.`,
  passwordLabel: 'Password',
  signIn: 'Sign in',
  forgotPassword: 'Forgot your password?',
  useCode: 'Sign in with verification code',
  usePassword: 'Sign in with password',
  wrongPassword: 'Incorrect account or password. Please check your input.',
  createPasswordTitle: 'Create a password',
  createPasswordLead: (identifier) =>
    `${identifier} is verified. Choose a password for signing in to your new account.`,
  newPasswordLabel: 'New password',
  savePassword: 'Save password',
  policyHint: (min) =>
    `At least ${min} characters. Avoid repeated or sequential characters and your own number or email.`,
  resetTitle: 'Reset password',
  resetLead:
    'Enter the phone number or email of your account, and we will send you a code to reset your password.',
  resetNoAccount: (identifier) =>
    `No account found for ${identifier}. Check it, or sign in and create an account.`,
  samePassword: 'New password cannot be the same as your old password.',
  passwordChanged: 'Password changed. Sign in with your new password.',
  rejected: {
    tooShort: (min) => `Minimum length is ${min}.`,
    tooLong: (max) => `Maximum length is ${max}.`,
    characterTypes: (min) => `At least ${min} types of characters are required.`,
    unsupportedCharacters: 'Unsupported character found.',
    pwned: 'Avoid using simple passwords that are easy to guess.',
    restrictedFound: (list) =>
      `Avoid overusing ${new Intl.ListFormat('en', { type: 'conjunction' }).format(list)}.`,
    restricted: {
      repetition: 'repeated characters',
      sequence: 'sequential characters',
      user_info: 'your personal information',
      words: 'product context',
    },
  },
};

const ja: PasswordMessages = {
  passwordTitle: 'パスワードを入力',
  passwordLead: (identifier) => `${identifier} にパスワードでサインインします。`,
  passwordLabel: 'パスワード',
  signIn: 'サインイン',
  forgotPassword: 'パスワードをお忘れですか？',
  useCode: '認証コードでサインイン',
  usePassword: 'パスワードでサインイン',
  wrongPassword: 'アカウントまたはパスワードが正しくありません。入力内容を確認してください。',
  createPasswordTitle: 'パスワードを作成',
  createPasswordLead: (identifier) =>
    `${identifier} は確認済みです。新しいアカウントにサインインするためのパスワードを決めてください。`,
  newPasswordLabel: '新しいパスワード',
  savePassword: 'パスワードを保存',
  policyHint: (min) =>
    `${min}文字以上。繰り返しや連続した文字、ご自身の番号やメールアドレスは避けてください。`,
  resetTitle: 'パスワードをリセット',
  resetLead:
    'アカウントの電話番号またはメールアドレスを入力してください。パスワードをリセットするためのコードをお送りします。',
  resetNoAccount: (identifier) =>
    `${identifier} のアカウントは見つかりません。入力内容を確認するか、サインインしてアカウントを作成してください。`,
  samePassword: '新しいパスワードは以前のパスワードと同じにできません。',
  passwordChanged: 'パスワードを変更しました。新しいパスワードでサインインしてください。',
  rejected: {
    tooShort: (min) => `最小の長さは${min}です。`,
    tooLong: (max) => `最大の長さは${max}です。`,
    characterTypes: (min) => `少なくとも${min}種類の文字が必要です。`,
    unsupportedCharacters: 'サポートされていない文字が見つかりました。',
    pwned: '簡単に推測できる簡単なパスワードの使用を避けてください。',
    restrictedFound: (list) =>
      `${new Intl.ListFormat('ja', { type: 'conjunction' }).format(list)}の過度な使用を避けてください。`,
    restricted: {
      repetition: '繰り返された文字',
      sequence: '連続する文字',
      user_info: '個人情報',
      words: '製品のコンテキスト',
    },
  },
};

const MESSAGES: Record<Locale, PasswordMessages> = { en, ja };

/** The password pages' messages in a locale. */
export function passwordMessagesFor(locale: Locale): PasswordMessages {
  return MESSAGES[locale];
}
