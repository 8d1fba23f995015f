/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import {
  DEFAULT_TEMPLATES,
  renderSmsText,
  smsTemplatesSchema,
  toLogtoTemplates,
  USAGE_TYPES,
} from '@/logto-local/sms';

describe('SMS text, exactly the configured template as Logto sends it', () => {
  it.each(
    USAGE_TYPES.flatMap((usageType) =>
      (['en', 'ja'] as const).map((locale) => [locale, usageType] as const),
    ),
  )('the %s default for %s carries the code and nothing logto-local adds', (locale, usageType) => {
    const text = renderSmsText({
      templates: DEFAULT_TEMPLATES[locale],
      usageType,
      code: '987654',
    });
    expect(text).toBe(DEFAULT_TEMPLATES[locale][usageType]!.replace('{{code}}', '987654'));
  });

  it('says different things for sign-in and registration, in English and Japanese', () => {
    const render = (locale: 'en' | 'ja', usageType: 'SignIn' | 'Register') =>
      renderSmsText({ templates: DEFAULT_TEMPLATES[locale], usageType, code: '1' });
    expect(render('en', 'SignIn')).toMatch(/^Your Bookstore sign-in code is 1\./);
    expect(render('en', 'Register')).toMatch(/^Your Bookstore sign-up code is 1\./);
    expect(render('ja', 'SignIn')).toMatch(/^Bookstore のサインインコードは 1 です。/);
    expect(render('ja', 'Register')).toMatch(/^Bookstore の登録コードは 1 です。/);
  });

  it('falls back to the Generic template for a usage type the templates leave out, as Logto does', () => {
    const text = renderSmsText({
      templates: { SignIn: 'Sign in {{code}}', Generic: 'Generic {{code}}' },
      usageType: 'MfaVerification',
      code: '246810',
    });
    expect(text).toBe('Generic 246810');
  });

  it('substitutes every {{code}}, with or without spaces inside the braces, as Logto does', () => {
    const text = renderSmsText({
      templates: { Generic: '{{code}} / {{ code }} / {{  code}}' },
      usageType: 'SignIn',
      code: '5',
    });
    expect(text).toBe('5 / 5 / 5');
  });

  it('leaves a placeholder Logto does not fill as it is written', () => {
    const text = renderSmsText({
      templates: { Generic: 'Code {{code}} for {{ application.name }}' },
      usageType: 'SignIn',
      code: '7',
    });
    expect(text).toBe('Code 7 for {{ application.name }}');
  });

  it('keeps the defaults pasteable into Logto Console: each locale passes Logto validation', () => {
    expect(smsTemplatesSchema.safeParse(toLogtoTemplates(DEFAULT_TEMPLATES.en)).success).toBe(true);
    expect(smsTemplatesSchema.safeParse(toLogtoTemplates(DEFAULT_TEMPLATES.ja)).success).toBe(true);
  });
});
