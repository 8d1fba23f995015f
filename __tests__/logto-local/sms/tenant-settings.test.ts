/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLogtoConfig, LogtoConfigError } from '@/logto-config';
import { readSmsSettings } from '@/logto-local/sms';
import { SHIPPED_TEMPLATES } from '../support/shipped-templates';

/** The shipped logto.config.json read with `env`, then its SMS settings as logto-local takes them. */
function settingsWith(env: Record<string, string>) {
  return readSmsSettings(loadLogtoConfig({ env }), env);
}

describe('how logto-local sends codes, from logto.config.json and env', () => {
  it('reads the shipped logto.config.json when no file is named, wherever it was started from', () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'started-elsewhere-'));
    const cwd = process.cwd();
    try {
      process.chdir(elsewhere);
      expect(loadLogtoConfig({ env: {} }).file).toBe(
        path.resolve(__dirname, '../../../logto.config.json'),
      );
    } finally {
      process.chdir(cwd);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("sends the file's templates, through the dev outbox when neither credential variable is set", () => {
    expect(settingsWith({})).toEqual({
      templates: SHIPPED_TEMPLATES,
      vonage: undefined,
      restHost: undefined,
    });
  });

  it('uses Vonage with the brand from the file when both variables the file names are set', () => {
    const settings = settingsWith({
      VONAGE_API_KEY: 'key-abc',
      VONAGE_API_SECRET: 'secret-xyz',
      VONAGE_BRAND_NAME: 'Books Inc',
      VONAGE_REST_HOST: 'http://127.0.0.1:4010',
    });
    expect(settings.vonage).toEqual({
      apiKey: 'key-abc',
      apiSecret: 'secret-xyz',
      brandName: 'Books Inc',
    });
    expect(settings.restHost).toBe('http://127.0.0.1:4010');
  });

  it('refuses one credential without the other, naming the missing variable and never the secret', () => {
    const start = () => settingsWith({ VONAGE_API_SECRET: 'super-secret-value' });
    expect(start).toThrow(LogtoConfigError);
    expect(start).toThrow(
      'at /smsConnector/apiKey: environment variable VONAGE_API_KEY is not set but VONAGE_API_SECRET is',
    );
    expect(start).not.toThrow(/super-secret-value/);
  });
});
