/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { describeVonageStatus, DOCUMENTED_VONAGE_STATUSES } from '@/logto-local/sms';

describe('Vonage status messages', () => {
  it('covers every status Vonage documents', () => {
    expect(DOCUMENTED_VONAGE_STATUSES).toEqual(
      expect.arrayContaining([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '11',
        '12',
        '14',
        '15',
        '22',
        '23',
        '29',
        '32',
        '33',
      ]),
    );
  });

  it.each(DOCUMENTED_VONAGE_STATUSES)(
    'status %s has its own English and Japanese explanation',
    (status) => {
      const en = describeVonageStatus(status, 'raw error-text', 'en');
      const ja = describeVonageStatus(status, 'raw error-text', 'ja');
      expect(en).toMatch(new RegExp(`^SMS could not be sent: .+ \\(status ${status}\\)\\. .+\\.$`));
      expect(ja).toMatch(
        new RegExp(`^SMS を送信できませんでした：.+（ステータス ${status}）。.+。$`),
      );
      expect(en).not.toContain('Vonage refused the message');
      const others = DOCUMENTED_VONAGE_STATUSES.filter((other) => other !== status);
      for (const other of others) {
        expect(
          describeVonageStatus(other, undefined, 'en').replace(`status ${other}`, ''),
        ).not.toBe(en.replace(`status ${status}`, ''));
      }
    },
  );

  it.each(['3', '6', '7', '22', '33'])(
    'status %s asks the person to check the number or use another one',
    (status) => {
      expect(describeVonageStatus(status, undefined, 'en')).toMatch(
        /Check the number or use another one\.$/,
      );
      expect(describeVonageStatus(status, undefined, 'ja')).toMatch(
        /電話番号を確認するか、別の番号をお使いください。$/,
      );
    },
  );

  it.each(['1', '5', '10'])(
    'status %s, a passing problem at Vonage, asks the person to retry in a minute',
    (status) => {
      expect(describeVonageStatus(status, undefined, 'en')).toMatch(/Try again in a minute\.$/);
    },
  );

  it.each(['2', '4', '8', '9', '11', '12', '14', '15', '23', '29', '32'])(
    'status %s, which only the site owner can fix, says so',
    (status) => {
      expect(describeVonageStatus(status, undefined, 'en')).toMatch(
        /Try again later or contact the site owner\.$/,
      );
    },
  );
});
