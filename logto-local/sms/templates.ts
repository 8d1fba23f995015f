import { replaceSendMessageHandlebars } from '@logto/connector-kit';
import type { LogtoConfig, TemplateUsageType } from '../../logto-config';

/**
 * The connector's templates by usage type, with `{{code}}` where the code goes. They come only
 * from logto.config.json's `smsConnector.templates`, one text whatever the language, as Logto sends.
 */
export type TemplateSet = Partial<Record<TemplateUsageType, string>> & { Generic: string };

/** Turns logto.config.json's template list (validated there, Generic included) into a lookup. */
export function toTemplateSet(templates: LogtoConfig['smsConnector']['templates']): TemplateSet {
  return Object.fromEntries(
    templates.map(({ usageType, content }) => [usageType, content]),
  ) as TemplateSet;
}

/**
 * Picks the template for a usage type, falling back to Generic as Logto's connectors do.
 * @see https://docs.logto.io/connectors/connector-data-structure#usagetype
 */
export function pickTemplate(templates: TemplateSet, usageType: TemplateUsageType): string {
  return templates[usageType] ?? templates.Generic;
}

/**
 * The SMS text exactly as Logto's connectors build it: the usage type's template (else Generic),
 * with every `{{code}}` (spaces inside the braces allowed) replaced, using Logto's own
 * connector-kit. Nothing is added: the WebOTP line lives in the templates of logto.config.json.
 * @see https://github.com/logto-io/logto/tree/master/packages/toolkit/connector-kit
 */
export function renderSmsText(options: {
  templates: TemplateSet;
  usageType: TemplateUsageType;
  code: string;
}): string {
  return replaceSendMessageHandlebars(pickTemplate(options.templates, options.usageType), {
    code: options.code,
  });
}
