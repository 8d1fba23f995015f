import type { Locale } from '../../lib/i18n/locales';

type Localized = Record<Locale, string>;

/** What to tell the person to do, by who can fix the problem. */
const NEXT_STEP = {
  retry: { en: 'Try again in a minute.', ja: '1分ほどしてからもう一度お試しください。' },
  owner: {
    en: 'Try again later or contact the site owner.',
    ja: '時間をおいて再度お試しいただくか、サイト管理者にお問い合わせください。',
  },
  number: {
    en: 'Check the number or use another one.',
    ja: '電話番号を確認するか、別の番号をお使いください。',
  },
} satisfies Record<string, Localized>;

type NextStep = keyof typeof NEXT_STEP;

/**
 * Every status the Vonage SMS API documents for `messages[].status`, with what it means for the
 * person and who can fix it. Logto's own connector loses this status; we keep it.
 * @see https://developer.vonage.com/messaging/sms/guides/troubleshooting-sms
 */
const VONAGE_STATUSES: Record<string, { reason: Localized; next: NextStep }> = {
  '1': {
    reason: {
      en: 'Vonage is throttling messages because too many were sent at once',
      ja: '送信が集中したため Vonage が送信を一時的に制限しています',
    },
    next: 'retry',
  },
  '2': {
    reason: {
      en: 'the request to Vonage was missing a required parameter',
      ja: 'Vonage へのリクエストに必須パラメーターが不足しています',
    },
    next: 'owner',
  },
  '3': {
    reason: {
      en: 'Vonage rejected a parameter, often the phone number',
      ja: 'Vonage がパラメーター（多くは電話番号）を受け付けませんでした',
    },
    next: 'number',
  },
  '4': {
    reason: {
      en: 'the Vonage API key or secret is wrong or disabled',
      ja: 'Vonage の API キーまたはシークレットが誤っているか無効です',
    },
    next: 'owner',
  },
  '5': {
    reason: { en: 'Vonage had an internal error', ja: 'Vonage で内部エラーが発生しました' },
    next: 'retry',
  },
  '6': {
    reason: {
      en: 'Vonage could not route the message to this number',
      ja: 'Vonage がこの番号へメッセージを配信できませんでした',
    },
    next: 'number',
  },
  '7': {
    reason: {
      en: 'this number is blocked from receiving messages',
      ja: 'この番号はメッセージの受信がブロックされています',
    },
    next: 'number',
  },
  '8': {
    reason: { en: 'the Vonage account is suspended', ja: 'Vonage アカウントが停止されています' },
    next: 'owner',
  },
  '9': {
    reason: {
      en: 'the Vonage account is out of credit',
      ja: 'Vonage アカウントの残高が不足しています',
    },
    next: 'owner',
  },
  '10': {
    reason: {
      en: 'the Vonage account has too many open connections',
      ja: 'Vonage アカウントの同時接続数が上限を超えています',
    },
    next: 'retry',
  },
  '11': {
    reason: {
      en: 'the Vonage account is not enabled for the SMS API',
      ja: 'Vonage アカウントで SMS API が有効になっていません',
    },
    next: 'owner',
  },
  '12': {
    reason: {
      en: 'the message is too long for Vonage',
      ja: 'メッセージが Vonage の上限より長すぎます',
    },
    next: 'owner',
  },
  '14': {
    reason: {
      en: 'Vonage could not verify the request signature',
      ja: 'Vonage がリクエストの署名を検証できませんでした',
    },
    next: 'owner',
  },
  '15': {
    reason: {
      en: 'Vonage refused the sender name for this destination',
      ja: 'Vonage がこの宛先への送信者名を受け付けませんでした',
    },
    next: 'owner',
  },
  '22': {
    reason: {
      en: 'Vonage did not recognise the mobile network for this number',
      ja: 'Vonage がこの番号の通信事業者を認識できませんでした',
    },
    next: 'number',
  },
  '23': {
    reason: {
      en: 'the delivery-receipt callback URL set for Vonage is invalid',
      ja: 'Vonage に設定された配信通知のコールバック URL が無効です',
    },
    next: 'owner',
  },
  '29': {
    reason: {
      en: 'the Vonage account is in demo mode and this number is not on its list of test numbers',
      ja: 'Vonage アカウントがデモモードで、この番号がテスト用番号として登録されていません',
    },
    next: 'owner',
  },
  '32': {
    reason: {
      en: 'the Vonage request was both signed and carried the API secret, which Vonage disallows',
      ja: 'Vonage へのリクエストに署名と API シークレットの両方が含まれており、許可されていません',
    },
    next: 'owner',
  },
  '33': {
    reason: {
      en: 'this number has been deactivated by its carrier',
      ja: 'この番号は通信事業者によって無効化されています',
    },
    next: 'number',
  },
};

const PREFIX: Localized = {
  en: 'SMS could not be sent: ',
  ja: 'SMS を送信できませんでした：',
};

/** Statuses Vonage documents; exported so tests can walk all of them. */
export const DOCUMENTED_VONAGE_STATUSES = Object.keys(VONAGE_STATUSES);

/**
 * The person-facing message for a failed `messages[].status`, e.g. "SMS could not be sent: the
 * Vonage account is out of credit (status 9). Try again later or contact the site owner."
 * An undocumented status keeps Vonage's own error-text so nothing is lost.
 */
export function describeVonageStatus(
  status: string,
  errorText: string | undefined,
  locale: Locale,
): string {
  const known = VONAGE_STATUSES[status];
  if (known) {
    const statusNote = locale === 'ja' ? `（ステータス ${status}）。` : ` (status ${status}). `;
    return `${PREFIX[locale]}${known.reason[locale]}${statusNote}${NEXT_STEP[known.next][locale]}`;
  }
  const detail = errorText ? `: ${errorText}` : '';
  return locale === 'ja'
    ? `${PREFIX[locale]}Vonage が送信を拒否しました（ステータス ${status}${detail}）。${NEXT_STEP.owner.ja}`
    : `${PREFIX[locale]}Vonage refused the message (status ${status}${detail}). ${NEXT_STEP.owner.en}`;
}

/** The message when Vonage could not be reached or answered with an HTTP error, not a status. */
export function describeVonageUnreachable(
  locale: Locale,
  kind: 'network' | 'timeout' | 'http',
): string {
  const reason: Record<typeof kind, Localized> = {
    network: { en: 'Vonage could not be reached', ja: 'Vonage に接続できませんでした' },
    timeout: {
      en: 'Vonage did not answer in time',
      ja: 'Vonage から時間内に応答がありませんでした',
    },
    http: { en: 'Vonage answered with an error', ja: 'Vonage がエラーを返しました' },
  };
  const end = locale === 'ja' ? '。' : '. ';
  return `${PREFIX[locale]}${reason[kind][locale]}${end}${NEXT_STEP.retry[locale]}`;
}
