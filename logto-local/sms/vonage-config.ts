import { z } from 'zod';
import { SmsConfigError } from './sms-config-error';
import type { TemplateSet } from './templates';
import { USAGE_TYPES, type UsageType } from './types';

/** Usage types Logto requires in every SMS connector's templates. */
export const REQUIRED_USAGE_TYPES = ['SignIn', 'Register', 'ForgotPassword', 'Generic'] as const;

/** One Logto connector template: `{ usageType, content }` with `{{code}}` in the content. */
export const smsTemplateSchema = z.object({
  usageType: z.enum(USAGE_TYPES, {
    error: (issue) =>
      `usageType must be one of ${USAGE_TYPES.join(', ')} (got ${JSON.stringify(issue.input)})`,
  }),
  content: z
    .string()
    .min(1, 'content must not be empty')
    .refine((content) => content.includes('{{code}}'), 'content must contain {{code}}'),
});

/**
 * A Logto-format template list: SignIn, Register, ForgotPassword and Generic are required, as in
 * Logto's SMS connectors, and each usage type appears once.
 * @see https://docs.logto.io/connectors/connector-data-structure#usagetype
 */
export const smsTemplatesSchema = z.array(smsTemplateSchema).superRefine((templates, context) => {
  const present = new Set<string>();
  for (const template of templates) {
    if (present.has(template.usageType)) {
      context.addIssue({
        code: 'custom',
        message: `usageType ${template.usageType} appears twice`,
      });
    }
    present.add(template.usageType);
  }
  const missing = REQUIRED_USAGE_TYPES.filter((usageType) => !present.has(usageType));
  if (missing.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `templates must include ${missing.join(', ')} (Logto requires SignIn, Register, ForgotPassword and Generic)`,
    });
  }
});

/**
 * The configuration of Logto's Vonage SMS connector (`connectorId: 'vonage-sms'`). The same JSON
 * works here and in Logto Console.
 * @see https://docs.logto.io/integrations/vonage-sms
 */
export const vonageConnectorConfigSchema = z.object({
  apiKey: z.string().min(1, 'apiKey must not be empty'),
  apiSecret: z.string().min(1, 'apiSecret must not be empty'),
  brandName: z.string().min(1, 'brandName must not be empty'),
  templates: smsTemplatesSchema,
});

/** A validated Vonage connector configuration. */
export type VonageConnectorConfig = z.infer<typeof vonageConnectorConfigSchema>;

/** A validated Logto-format template list. */
export type SmsTemplates = z.infer<typeof smsTemplatesSchema>;

/** "templates.3.content: content must contain {{code}}; apiKey: ..." */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/**
 * Validates a Vonage connector config (a JSON string or an already-parsed object), throwing an
 * SmsConfigError that says which field is wrong.
 */
export function parseVonageConnectorConfig(json: unknown): VonageConnectorConfig {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new SmsConfigError(
        `The Vonage connector config is not valid JSON (${(error as Error).message}). Expected { "apiKey", "apiSecret", "brandName", "templates": [{ "usageType", "content" }] }.`,
      );
    }
  }
  const parsed = vonageConnectorConfigSchema.safeParse(value);
  if (!parsed.success) {
    throw new SmsConfigError(
      `The Vonage connector config is invalid: ${formatZodIssues(parsed.error)}.`,
    );
  }
  return parsed.data;
}

/** Turns a Logto-format template list into a lookup by usage type. */
export function toTemplateSet(templates: SmsTemplates): TemplateSet {
  const set: Partial<Record<UsageType, string>> = {};
  for (const { usageType, content } of templates) set[usageType] = content;
  return set as TemplateSet;
}

/** Turns a template lookup back into Logto's list format, e.g. to paste into Logto Console. */
export function toLogtoTemplates(set: TemplateSet): SmsTemplates {
  return USAGE_TYPES.flatMap((usageType) => {
    const content = set[usageType];
    return content === undefined ? [] : [{ usageType, content }];
  });
}

/** The Vonage env variables; all three turn Vonage on, none leaves the dev outbox. */
export const VONAGE_ENV_VARIABLES = [
  'VONAGE_API_KEY',
  'VONAGE_API_SECRET',
  'VONAGE_BRAND_NAME',
] as const;

/**
 * Reads Vonage credentials from env: all three set → credentials; none set → undefined (dev
 * outbox); some set → SmsConfigError naming the missing ones, so a typo never silently falls back
 * to the outbox.
 */
export function readVonageCredentials(
  env: Record<string, string | undefined>,
): Omit<VonageConnectorConfig, 'templates'> | undefined {
  const values = VONAGE_ENV_VARIABLES.map((name) => env[name]?.trim() ?? '');
  const missing = VONAGE_ENV_VARIABLES.filter((_, index) => values[index] === '');
  if (missing.length === VONAGE_ENV_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    throw new SmsConfigError(
      `Vonage SMS needs ${VONAGE_ENV_VARIABLES.join(', ')} all set; missing ${missing.join(', ')}. Set them all to send real SMS, or unset them all to use the dev outbox.`,
    );
  }
  const [apiKey, apiSecret, brandName] = values as [string, string, string];
  return { apiKey, apiSecret, brandName };
}
