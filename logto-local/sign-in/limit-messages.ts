import type { Locale } from '../../lib/i18n/locales';

/**
 * What the sign-in pages say when a limit refuses a send or a lockout refuses a code. Each one
 * says what happened, until when, and what to do instead. Times are formatted by the caller.
 */
export interface LimitMessages {
  /** The number collected too many wrong codes in an hour (identifier lockout). */
  identifierLocked: (until: string, minutes: number) => string;
  /** This sign-in already sent codes to as many numbers as allowed. */
  tooManyNumbers: (limit: number) => string;
  /** Too many codes asked for from this network. */
  tooManyFromIp: (retryAt: string, minutes: number) => string;
  /** Too many wrong codes entered from this network in an hour, whatever the number. */
  tooManyGuessesFromIp: (retryAt: string, minutes: number) => string;
  /** logto-local's hourly budget of text messages is spent. */
  hourlyCapReached: (retryAt: string, minutes: number) => string;
}

const en: LimitMessages = {
  identifierLocked: (until, minutes) =>
    `Too many wrong codes were entered for this number, so it is locked until ${until} (about ${minutes} min). Try again then, or use another number.`,
  tooManyNumbers: (limit) =>
    `This sign-in already sent codes to ${limit} different numbers. Go back to the app and start a new sign-in to use another number.`,
  tooManyFromIp: (retryAt, minutes) =>
    `Too many codes were asked for from your network. Try again at ${retryAt} (in about ${minutes} min).`,
  tooManyGuessesFromIp: (retryAt, minutes) =>
    `Too many wrong codes were entered from your network, so codes cannot be checked from it until ${retryAt} (about ${minutes} min). The number itself is not locked.`,
  hourlyCapReached: (retryAt, minutes) =>
    `This sign-in service has sent as many text messages as it may this hour. Try again at ${retryAt} (in about ${minutes} min).`,
};

const ja: LimitMessages = {
  identifierLocked: (until, minutes) =>
    `この番号で誤ったコードが多く入力されたため、${until}（約${minutes}分後）までロックされています。その後にもう一度お試しいただくか、別の番号をお使いください。`,
  tooManyNumbers: (limit) =>
    `このサインインではすでに${limit}件の番号にコードを送信しました。別の番号を使うには、アプリに戻ってサインインをやり直してください。`,
  tooManyFromIp: (retryAt, minutes) =>
    `お使いのネットワークからのコード要求が多すぎます。${retryAt}（約${minutes}分後）以降にもう一度お試しください。`,
  tooManyGuessesFromIp: (retryAt, minutes) =>
    `お使いのネットワークから誤ったコードが多く入力されたため、${retryAt}（約${minutes}分後）までこのネットワークからはコードを確認できません。番号自体はロックされていません。`,
  hourlyCapReached: (retryAt, minutes) =>
    `このサインインサービスは今時間に送信できるSMSの上限に達しました。${retryAt}（約${minutes}分後）以降にもう一度お試しください。`,
};

const MESSAGES: Record<Locale, LimitMessages> = { en, ja };

/** Returns the limit messages for a locale. */
export function limitMessagesFor(locale: Locale): LimitMessages {
  return MESSAGES[locale];
}
