/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { loadLogtoConfig } from '@/logto-config';
import { renderSmsText } from '@/logto-local/sms';
import { SHIPPED_TEMPLATES } from '../support/shipped-templates';

describe('SMS text, exactly the configured template as Logto sends it', () => {
  it.each(loadLogtoConfig({ env: {} }).smsConnector.templates.map((t) => [t.usageType, t.content]))(
    'sends the shipped %s template with every {{code}} filled in and nothing added',
    (usageType, content) => {
      const text = renderSmsText({ templates: SHIPPED_TEMPLATES, usageType, code: '987654' });
      expect(text).toBe(content.replaceAll('{{code}}', '987654'));
    },
  );

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
});
