/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { bookstoreClient, openSignIn, submitStep } from '../../support/relying-party';

jest.setTimeout(60_000);

const REPO_CONFIG = path.resolve(__dirname, '../../logto.config.json');
let logto: LogtoLocalProcess;

beforeAll(async () => {
  logto = await startLogtoLocal();
});
afterAll(async () => {
  await logto?.stop();
});

/** The file's template for a usage type, as written (before `${…}` interpolation). */
function fileTemplate(usageType: string): string {
  const config = JSON.parse(readFileSync(REPO_CONFIG, 'utf8')) as {
    smsConnector: { templates: Array<{ usageType: string; content: string }> };
  };
  return config.smsConnector.templates.find((template) => template.usageType === usageType)!
    .content;
}

describe('the SMS text, as Logto sends it', () => {
  it.each(['en', 'ja'])(
    'is exactly the configured template, WebOTP line included, whatever the language (ui_locales=%s)',
    async (locale) => {
      const national = locale === 'ja' ? '090-7777-0001' : '090-7777-0002';
      const { browser, page } = await openSignIn(logto, await bookstoreClient(logto), {
        ui_locales: locale,
      });
      await submitStep(logto, browser, page, 'phone', { country: 'JP', phone: national });
      const e164 = `+81${national.replace(/-/g, '').slice(1)}`;
      const [sms] = (await logto.readOutbox()).filter((entry) => entry.to === e164);
      expect(sms?.text).toBe(
        fileTemplate('SignIn')
          .replace('${LOGTO_SIGN_IN_HOST:-localhost}', 'localhost')
          .replaceAll('{{code}}', sms!.code),
      );
      expect(sms?.text.split('\n').at(-1)).toBe(`@localhost #${sms!.code}`);
    },
  );
});
