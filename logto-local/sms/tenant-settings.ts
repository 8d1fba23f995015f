import { type Env, LogtoConfigError, type LogtoConfig } from '../../logto-config';
import { toTemplateSet, type TemplateSet } from './templates';
import type { VonageCredentials } from './vonage';

/** Env variable that points the Vonage SDK at another REST host: a stand-in for tests. */
export const VONAGE_REST_HOST_VARIABLE = 'VONAGE_REST_HOST';

/** How logto-local sends codes, as logto.config.json's `smsConnector` and env describe it. */
export interface SmsSettings {
  /** The file's templates: one text per usage type whatever the language, as Logto sends. */
  templates: TemplateSet;
  /** The Vonage credentials when both variables the file names are set; undefined → dev outbox. */
  vonage: VonageCredentials | undefined;
  /** VONAGE_REST_HOST, where the Vonage SDK posts instead of https://rest.nexmo.com. */
  restHost: string | undefined;
}

/**
 * Reads the SMS settings from the tenant description. Credentials come only from the env variables
 * the file names (`{ "env": "VONAGE_API_KEY" }`); one set without the other is refused at start, so
 * a typo never silently falls back to the outbox.
 * @see https://docs.logto.io/integrations/vonage-sms
 */
export function readSmsSettings(tenant: LogtoConfig, env: Env): SmsSettings {
  const templates = toTemplateSet(tenant.smsConnector.templates);
  const restHost = env[VONAGE_REST_HOST_VARIABLE]?.trim() || undefined;
  const { apiKey, apiSecret, brandName } = tenant.smsConnector;
  if (apiKey.value === undefined && apiSecret.value === undefined) {
    return { templates, vonage: undefined, restHost };
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
    vonage: { apiKey: apiKey.value, apiSecret: apiSecret.value, brandName },
    restHost,
  };
}
