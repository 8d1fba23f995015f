/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { describeVonageStatus, describeVonageUnreachable } from '@/logto-local/sms';

/**
 * The messages a person reads when Vonage refuses or cannot be reached, word for word in both
 * languages: the documented statuses are walked in vonage-status.test.ts.
 */

describe('a status Vonage does not document', () => {
  it('keeps Vonage’s own error-text in the Japanese message', () => {
    expect(describeVonageStatus('99', 'Partner quota exceeded', 'ja')).toBe(
      'SMS を送信できませんでした：Vonage が送信を拒否しました（ステータス 99: Partner quota exceeded）。時間をおいて再度お試しいただくか、サイト管理者にお問い合わせください。',
    );
  });

  it('gives the status alone when Vonage sent no error-text', () => {
    expect(describeVonageStatus('99', undefined, 'ja')).toBe(
      'SMS を送信できませんでした：Vonage が送信を拒否しました（ステータス 99）。時間をおいて再度お試しいただくか、サイト管理者にお問い合わせください。',
    );
    expect(describeVonageStatus('99', undefined, 'en')).toBe(
      'SMS could not be sent: Vonage refused the message (status 99). Try again later or contact the site owner.',
    );
  });
});

describe('Vonage out of reach', () => {
  it.each([
    ['network', 'Vonage could not be reached', 'Vonage に接続できませんでした'],
    ['timeout', 'Vonage did not answer in time', 'Vonage から時間内に応答がありませんでした'],
    ['http', 'Vonage answered with an error', 'Vonage がエラーを返しました'],
  ] as const)('a %s failure says what happened and asks for a retry', (kind, en, ja) => {
    expect(describeVonageUnreachable('en', kind)).toBe(
      `SMS could not be sent: ${en}. Try again in a minute.`,
    );
    expect(describeVonageUnreachable('ja', kind)).toBe(
      `SMS を送信できませんでした：${ja}。1分ほどしてからもう一度お試しください。`,
    );
  });
});
