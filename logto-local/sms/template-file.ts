import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SmsConfigError } from './sms-config-error';
import { DEFAULT_TEMPLATES, type LocalizedTemplates } from './templates';
import { formatZodIssues, smsTemplatesSchema, toTemplateSet } from './vonage-config';

/**
 * Templates per locale; a locale left out keeps logto-local's defaults. (A bare Logto list is
 * used for every locale, as Logto sends one text whatever the language.)
 */
const perLocaleTemplatesSchema = z
  .object({ en: smsTemplatesSchema.optional(), ja: smsTemplatesSchema.optional() })
  .strict();

/** Env variable naming a JSON file that overrides the default SMS templates. */
export const TEMPLATES_FILE_VARIABLE = 'LOGTO_LOCAL_SMS_TEMPLATES';

/**
 * Loads the templates, from `LOGTO_LOCAL_SMS_TEMPLATES` when set, else the defaults. A missing,
 * unreadable or invalid file is an SmsConfigError naming the file and the problem.
 */
export function loadTemplates(env: Record<string, string | undefined>): LocalizedTemplates {
  const path = env[TEMPLATES_FILE_VARIABLE]?.trim();
  if (!path) return DEFAULT_TEMPLATES;
  const fail = (problem: string): never => {
    throw new SmsConfigError(
      `${TEMPLATES_FILE_VARIABLE} file ${path}: ${problem}. Expected [{ "usageType": "SignIn", "content": "… {{code}} …" }, …] or { "en": [...], "ja": [...] }, with SignIn, Register, ForgotPassword and Generic in each list.`,
    );
  };
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message})`);
  }
  return parseTemplateOverride(json, fail);
}

function parseTemplateOverride(
  json: unknown,
  fail: (problem: string) => never,
): LocalizedTemplates {
  if (Array.isArray(json)) {
    const parsed = smsTemplatesSchema.safeParse(json);
    if (!parsed.success) return fail(formatZodIssues(parsed.error));
    const set = toTemplateSet(parsed.data);
    return { en: set, ja: set };
  }
  const parsed = perLocaleTemplatesSchema.safeParse(json);
  if (!parsed.success) return fail(formatZodIssues(parsed.error));
  return {
    en: parsed.data.en ? toTemplateSet(parsed.data.en) : DEFAULT_TEMPLATES.en,
    ja: parsed.data.ja ? toTemplateSet(parsed.data.ja) : DEFAULT_TEMPLATES.ja,
  };
}
