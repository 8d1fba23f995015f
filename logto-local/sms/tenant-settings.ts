import { type Env, LogtoConfigError, type LogtoConfig } from '../../logto-config';
import { loadTemplates, TEMPLATES_FILE_VARIABLE } from './template-file';
import type { LocalizedTemplates, TemplateSet } from './templates';
import { toLogtoTemplates, toTemplateSet, type VonageConnectorConfig } from './vonage-config';

/** How logto-local sends codes, as logto.config.json's `smsConnector` and env describe it. */
export interface SmsSettings {
  /**
   * Per locale: the file's templates for every locale, as Logto sends one text whatever the
   * language. LOGTO_LOCAL_SMS_TEMPLATES, when set, overrides them (a logto-local extension).
   */
  templates: LocalizedTemplates;
  /** The Vonage connector when both credentials the file names are set; undefined → dev outbox. */
  vonage: VonageConnectorConfig | undefined;
}

/**
 * Reads the SMS settings from the tenant description. Credentials come only from the env variables
 * the file names (`{ "env": "VONAGE_API_KEY" }`); one set without the other is refused at start, so
 * a typo never silently falls back to the outbox.
 * @see https://docs.logto.io/integrations/vonage-sms
 */
export function readSmsSettings(tenant: LogtoConfig, env: Env): SmsSettings {
  const templates = env[TEMPLATES_FILE_VARIABLE]?.trim()
    ? loadTemplates(env)
    : sameForEveryLocale(toTemplateSet(tenant.smsConnector.templates));
  const { apiKey, apiSecret, brandName } = tenant.smsConnector;
  if (apiKey.value === undefined && apiSecret.value === undefined) {
    return { templates, vonage: undefined };
  }
  if (apiKey.value === undefined || apiSecret.value === undefined) {
    const [missing, present, pointer] =
      apiKey.value === undefined
        ? [apiKey.env, apiSecret.env, '/smsConnector/apiKey']
        : [apiSecret.env, apiKey.env, '/smsConnector/apiSecret'];
    throw new LogtoConfigError(
      tenant.file,
      pointer,
      `environment variable ${missing} is not set but ${present} is; set both to send SMS through Vonage, or neither to use the dev outbox`,
    );
  }
  return {
    templates,
    vonage: {
      apiKey: apiKey.value,
      apiSecret: apiSecret.value,
      brandName,
      templates: toLogtoTemplates(templates.en),
    },
  };
}

function sameForEveryLocale(templates: TemplateSet): LocalizedTemplates {
  return { en: templates, ja: templates };
}
