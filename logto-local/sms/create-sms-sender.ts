import type { Outbox } from './outbox';
import { OutboxSender } from './outbox-sender';
import { loadTemplates } from './template-file';
import { DEFAULT_TEMPLATES, type LocalizedTemplates } from './templates';
import type { SmsSender } from './types';
import { VonageSender } from './vonage';
import {
  parseVonageConnectorConfig,
  readVonageCredentials,
  toLogtoTemplates,
  toTemplateSet,
} from './vonage-config';

/** Env variable that points the Vonage SDK at another REST host; for tests only. */
export const VONAGE_REST_HOST_VARIABLE = 'VONAGE_REST_HOST';

const consoleLog = (line: string): void => console.log(line);

/**
 * Builds the sender logto-local uses, from env: Vonage when VONAGE_API_KEY, VONAGE_API_SECRET
 * and VONAGE_BRAND_NAME are all set, else the dev outbox. Templates come from
 * LOGTO_LOCAL_SMS_TEMPLATES or the defaults. Throws SmsConfigError at start-up, never at send time.
 */
export function createSmsSender(options: {
  env: Record<string, string | undefined>;
  outbox: Outbox;
  log?: (line: string) => void;
}): SmsSender {
  const { env, outbox, log = consoleLog } = options;
  const templates = loadTemplates(env);
  const credentials = readVonageCredentials(env);
  if (!credentials) return new OutboxSender(outbox, templates, log);
  // Validate against the connector contract, so what runs here would also be accepted by Logto.
  const connector = parseVonageConnectorConfig({
    ...credentials,
    templates: toLogtoTemplates(templates.en),
  });
  return createSmsSenderFromConfig({
    vonage: connector,
    templates,
    restHost: env[VONAGE_REST_HOST_VARIABLE]?.trim() || undefined,
    outbox,
    log,
  });
}

/**
 * Builds the sender from configuration already parsed elsewhere (e.g. the Vonage connector in
 * logto.config.json). With a Vonage config, its templates are used for every locale, as Logto
 * does, unless localized `templates` are given; without one, the dev outbox is used.
 */
export function createSmsSenderFromConfig(options: {
  /** A Vonage connector config (validated here); undefined or null means the dev outbox. */
  vonage?: unknown;
  templates?: LocalizedTemplates;
  restHost?: string;
  outbox: Outbox;
  log?: (line: string) => void;
}): SmsSender {
  const { outbox, log = consoleLog } = options;
  if (options.vonage === undefined || options.vonage === null) {
    return new OutboxSender(outbox, options.templates ?? DEFAULT_TEMPLATES, log);
  }
  const { templates: connectorTemplates, ...credentials } = parseVonageConnectorConfig(
    options.vonage,
  );
  const fromConnector = toTemplateSet(connectorTemplates);
  return new VonageSender({
    credentials,
    templates: options.templates ?? { en: fromConnector, ja: fromConnector },
    restHost: options.restHost,
    log,
  });
}
