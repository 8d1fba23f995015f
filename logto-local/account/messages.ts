import type { Locale } from '../../lib/i18n/locales';

/**
 * What logto-local's Account Center says while a person changes their phone number. Where Logto's
 * own Account Center has a sentence for the step, it is Logto's, word for word, so the app's
 * browser tests read the same text on both; the rest (a link that is not the app's, no session)
 * is logto-local's own.
 * @see https://github.com/logto-io/logto/blob/master/packages/phrases-experience/src/locales/en/account-center.ts
 * @see https://github.com/logto-io/logto/blob/master/packages/phrases/src/locales/en/errors/user.ts (phone_already_in_use)
 */
export interface AccountMessages {
  /** `account_center.phone_verification.title`: the step that proves the current number. */
  verifyTitle: string;
  verifyPrepare: string;
  verifySent: (phone: string) => string;
  phoneLabel: string;
  codeLabel: string;
  send: string;
  continue: string;
  notReceived: string;
  resend: string;
  resendIn: (seconds: number) => string;
  /** `account_center.phone.title`: the step that takes the new number. */
  linkTitle: string;
  linkDescription: string;
  newCodeTitle: string;
  newCodeSent: (phone: string) => string;
  useAnotherNumber: string;
  cancel: string;
  /** `user.phone_already_in_use`, Logto's refusal of a number another account has. */
  phoneInUse: string;
  sameNumber: string;
  /** `account_center.phone.verification_required`: the proof of the current number ran out. */
  verificationRequired: string;
  successTitle: string;
  successDescription: string;
  done: string;
  errorTitle: string;
  /** `error.feature_not_enabled`: the account center or its phone field is off. */
  featureNotEnabled: string;
  notSignedIn: (app: string) => string;
  /** An account made by email has no number to change. */
  noPhone: string;
  notYourFlow: string;
  redirectRefused: (app: string) => string;
  flowExpired: string;
}

const en: AccountMessages = {
  verifyTitle: 'Verify your phone',
  verifyPrepare:
    "Verify it's you to protect your account security. Send the verification code to your phone.",
  verifySent: (phone) =>
    `The verification code has been sent to your phone ${phone}. Enter the code to continue.`,
  phoneLabel: 'Phone number',
  codeLabel: 'Verification code',
  send: 'Send verification code',
  continue: 'Continue',
  notReceived: 'Not received yet?',
  resend: 'Resend verification code',
  resendIn: (seconds) => `Not received yet? Resend after ${seconds}s`,
  linkTitle: 'Link phone number',
  linkDescription: 'Link your phone number to sign in or help with account recovery.',
  newCodeTitle: 'Enter SMS verification code',
  newCodeSent: (phone) => `The verification code has been sent to your phone ${phone}.`,
  useAnotherNumber: 'Use a different number',
  cancel: 'Cancel',
  phoneInUse: 'This phone number is associated with an existing account.',
  sameNumber: 'This is already your phone number. Enter the new one.',
  verificationRequired: 'Verification expired. Please verify your identity again.',
  successTitle: 'Phone number updated!',
  successDescription: "Your account's phone number has been successfully changed.",
  done: 'Done',
  errorTitle: 'Something went wrong',
  featureNotEnabled:
    'You do not have permission to access this feature. Please contact your administrator for assistance.',
  notSignedIn: (app) =>
    `You are not signed in here. Go back to ${app}, sign out and sign in again, then change your number.`,
  noPhone:
    'This account signs in by email and has no phone number to change. logto-local changes numbers only; Logto itself can add one (npm run logto:oss).',
  notYourFlow:
    'This page belongs to another sign-in. Go back to the app and choose “Change phone number” again.',
  redirectRefused: (app) =>
    `This link would send you back to an address that is not ${app}'s, so it was stopped. Go back to the app and choose “Change phone number” again.`,
  flowExpired: 'This page has expired. Go back to the app and choose “Change phone number” again.',
};

const ja: AccountMessages = {
  verifyTitle: '電話番号を確認',
  verifyPrepare:
    'アカウントの安全を守るため、ご本人であることを確認します。認証コードを電話に送信します。',
  verifySent: (phone) =>
    `認証コードを電話 ${phone} に送信しました。コードを入力して続行してください。`,
  phoneLabel: '電話番号',
  codeLabel: '認証コード',
  send: '認証コードを送信',
  continue: '続ける',
  notReceived: 'まだ届きませんか？',
  resend: '認証コードを再送',
  resendIn: (seconds) => `まだ届きませんか？ ${seconds} 秒後に再送できます`,
  linkTitle: '電話番号をリンク',
  linkDescription: 'サインインやアカウント復旧のために電話番号をリンクします。',
  newCodeTitle: 'SMS認証コードを入力',
  newCodeSent: (phone) => `認証コードを電話番号 ${phone} に送信しました。`,
  useAnotherNumber: '別の番号を使う',
  cancel: 'キャンセル',
  phoneInUse: 'この電話番号は既に別のアカウントに関連付けされています。',
  sameNumber: 'これは現在の電話番号です。新しい番号を入力してください。',
  verificationRequired: '認証の有効期限が切れました。もう一度本人確認を行ってください。',
  successTitle: '電話番号を更新しました！',
  successDescription: '電話番号が正常に更新されました。',
  done: '完了',
  errorTitle: '問題が発生しました',
  featureNotEnabled: 'この機能にアクセスする権限がありません。管理者にお問い合わせください。',
  notSignedIn: (app) =>
    `ここではサインインしていません。${app}に戻り、サインアウトしてもう一度サインインしてから、番号を変更してください。`,
  noPhone:
    'このアカウントはメールアドレスでサインインするため、変更する電話番号がありません。logto-local は番号の変更のみに対応しています。追加は Logto 本体で行えます（npm run logto:oss）。',
  notYourFlow:
    'このページは別のサインインのものです。アプリに戻り、もう一度「電話番号を変更」を選んでください。',
  redirectRefused: (app) =>
    `このリンクは${app}以外のアドレスに戻ろうとしたため、止めました。アプリに戻り、もう一度「電話番号を変更」を選んでください。`,
  flowExpired:
    'このページの有効期限が切れました。アプリに戻り、もう一度「電話番号を変更」を選んでください。',
};

// Keyed by every locale the app speaks: a new one does not compile until these pages speak it.
const MESSAGES: Record<Locale, AccountMessages> = { en, ja };

/** The account pages' messages in a locale. */
export function accountMessagesFor(locale: Locale): AccountMessages {
  return MESSAGES[locale];
}
