import { replaceSendMessageHandlebars } from '@logto/connector-kit';
import type { LogtoConfig, TemplateUsageType } from '../../logto-config';

type EmailTemplate = NonNullable<LogtoConfig['emailConnector']>['templates'][number];

/**
 * The email Logto's SMTP connector would send: the usage type's template (Generic when there is
 * none), subject and content with `{{code}}` filled in by Logto's own connector-kit.
 * @see https://github.com/logto-io/logto/tree/master/packages/connectors/connector-smtp
 */
export function renderEmail(
  templates: readonly EmailTemplate[],
  usageType: TemplateUsageType,
  code: string,
): { subject: string; text: string } {
  const template =
    templates.find((item) => item.usageType === usageType) ??
    templates.find((item) => item.usageType === 'Generic')!;
  return {
    subject: replaceSendMessageHandlebars(template.subject, { code }),
    text: replaceSendMessageHandlebars(template.content, { code }),
  };
}
