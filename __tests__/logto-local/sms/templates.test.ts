/**
 * @jest-environment node
 */
import {
  DEFAULT_TEMPLATES,
  renderSmsText,
  smsTemplatesSchema,
  toLogtoTemplates,
  USAGE_TYPES,
} from '@/logto-local/sms';

describe('SMS text', () => {
  it.each(
    USAGE_TYPES.flatMap((usageType) =>
      (['en', 'ja'] as const).map((locale) => [locale, usageType] as const),
    ),
  )(
    'the %s default for %s carries the code and ends with the WebOTP origin-bound line',
    (locale, usageType) => {
      const text = renderSmsText({
        templates: DEFAULT_TEMPLATES[locale],
        usageType,
        code: '987654',
        webOtpHost: 'localhost:3001',
      });
      const lines = text.split('\n');
      expect(lines.at(-1)).toBe('@localhost #987654');
      expect(lines.slice(0, -1).join('\n')).toContain('987654');
      expect(DEFAULT_TEMPLATES[locale][usageType]).toBeDefined();
    },
  );

  it('drops the port from the WebOTP line, which names a host only', () => {
    const text = renderSmsText({
      templates: DEFAULT_TEMPLATES.en,
      usageType: 'SignIn',
      code: '135790',
      webOtpHost: 'books.example:8443',
    });
    // The last line as the origin-bound code format defines it: "@" host, one space, "#" code.
    expect(text.split('\n').at(-1)).toMatch(/^@[a-zA-Z0-9.-]+ #135790$/);
    expect(text.endsWith('\n@books.example #135790')).toBe(true);
  });

  it('says different things for sign-in and registration, in English and Japanese', () => {
    const render = (locale: 'en' | 'ja', usageType: 'SignIn' | 'Register') =>
      renderSmsText({
        templates: DEFAULT_TEMPLATES[locale],
        usageType,
        code: '1',
        webOtpHost: 'h',
      });
    expect(render('en', 'SignIn')).toMatch(/^Your Bookstore sign-in code is 1\./);
    expect(render('en', 'Register')).toMatch(/^Your Bookstore sign-up code is 1\./);
    expect(render('ja', 'SignIn')).toMatch(/^Bookstore のサインインコードは 1 です。/);
    expect(render('ja', 'Register')).toMatch(/^Bookstore の登録コードは 1 です。/);
  });

  it('falls back to the Generic template for a usage type the templates leave out', () => {
    const text = renderSmsText({
      templates: { SignIn: 'Sign in {{code}}', Generic: 'Generic {{code}}' },
      usageType: 'MfaVerification',
      code: '246810',
      webOtpHost: 'books.example',
    });
    expect(text).toBe('Generic 246810\n\n@books.example #246810');
  });

  it('substitutes every {{code}} in a template', () => {
    const text = renderSmsText({
      templates: { Generic: '{{code}} / {{code}}' },
      usageType: 'SignIn',
      code: '5',
      webOtpHost: 'h',
    });
    expect(text).toBe('5 / 5\n\n@h #5');
  });

  it('keeps the defaults pasteable into Logto Console: each locale passes Logto validation', () => {
    expect(smsTemplatesSchema.safeParse(toLogtoTemplates(DEFAULT_TEMPLATES.en)).success).toBe(true);
    expect(smsTemplatesSchema.safeParse(toLogtoTemplates(DEFAULT_TEMPLATES.ja)).success).toBe(true);
  });
});
