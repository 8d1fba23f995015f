/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mergeEnvText } from '@/scripts/logto-setup/env-file';

const updates = {
  AUTH_LOGTO_ISSUER: 'https://t.logto.app/oidc',
  AUTH_LOGTO_ID: 'app123',
  AUTH_LOGTO_SECRET: 'sec ret#1',
};

describe('merging the Logto credentials into an env file', () => {
  it('rewrites existing values in place and keeps every other line, comment and blank line in order', () => {
    const before = [
      '# Bookstore local settings',
      'NEXTAUTH_URL=http://localhost:3000',
      '',
      'AUTH_LOGTO_ISSUER=http://localhost:3001/oidc',
      '# the app id',
      'export AUTH_LOGTO_ID="old"',
      'VONAGE_API_KEY=abc # trailing comment',
      '',
    ].join('\n');

    const merged = mergeEnvText(before, updates);

    expect(merged.text).toBe(
      [
        '# Bookstore local settings',
        'NEXTAUTH_URL=http://localhost:3000',
        '',
        'AUTH_LOGTO_ISSUER=https://t.logto.app/oidc',
        '# the app id',
        'export AUTH_LOGTO_ID=app123',
        'VONAGE_API_KEY=abc # trailing comment',
        'AUTH_LOGTO_SECRET="sec ret#1"',
        '',
      ].join('\n'),
    );
    expect(merged.changed).toEqual(['AUTH_LOGTO_ISSUER', 'AUTH_LOGTO_ID', 'AUTH_LOGTO_SECRET']);
  });

  it('changes nothing when the values are already there, quoted or not', () => {
    const before =
      'AUTH_LOGTO_ISSUER=\'https://t.logto.app/oidc\'\nAUTH_LOGTO_ID=app123\nAUTH_LOGTO_SECRET="sec ret#1"\n';
    expect(mergeEnvText(before, updates)).toEqual({ text: before, changed: [] });
  });

  it('creates the content of a missing file', () => {
    expect(mergeEnvText('', { A: '1' })).toEqual({ text: 'A=1\n', changed: ['A'] });
  });

  it('keeps a file without a final newline intact apart from the appended lines', () => {
    expect(mergeEnvText('# only a comment', { A: '1' }).text).toBe('# only a comment\nA=1\n');
  });
});
