import { type LogtoConfig, toVonageConnectorConfig } from '../../logto-config';
import { SetupStepError } from './errors';
import type { ManagementApi } from './management-api';
import { syncPasswordlessConnector } from './passwordless-connector';
import type { StepPlan } from './plan';

export const CONNECTOR_STEP = 'Vonage SMS connector';

const SECRET_FIELDS = new Set(['apiKey', 'apiSecret']);

/**
 * Creates the Vonage SMS connector, or PATCHes its config when it differs
 * (./passwordless-connector.ts: a create replaces the tenant's SMS connector, and says so).
 */
export async function syncSmsConnector(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean },
): Promise<StepPlan> {
  const { connectorId } = config.smsConnector;
  return syncPasswordlessConnector(api, {
    step: CONNECTOR_STEP,
    type: 'Sms',
    connectorId,
    desired: options.dryRun ? desiredConfigForPlan(config) : toConnectorConfig(config),
    secretFields: SECRET_FIELDS,
    noFactory: `this Logto has no "${connectorId}" SMS connector factory. Upgrade Logto or install the Vonage SMS connector, then re-run.`,
    dryRun: options.dryRun,
  });
}

/** The connector config, or a step error naming the unset credential variable. */
export function toConnectorConfig(config: LogtoConfig): Record<string, unknown> {
  const { apiKey, apiSecret } = config.smsConnector;
  const missing = [apiKey, apiSecret].filter((secret) => secret.value === undefined);
  if (missing.length > 0) {
    throw new SetupStepError(
      CONNECTOR_STEP,
      `${missing.map((secret) => secret.env).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. Add the Vonage credentials to .env.local (they come from the Vonage dashboard), then re-run.`,
    );
  }
  return toVonageConnectorConfig(config);
}

// A dry run works without the Vonage credentials: unset secrets are compared as "unknown".
function desiredConfigForPlan(config: LogtoConfig): Record<string, unknown> {
  const { apiKey, apiSecret, brandName, templates } = config.smsConnector;
  return {
    apiKey: apiKey.value ?? `(${apiKey.env} not set)`,
    apiSecret: apiSecret.value ?? `(${apiSecret.env} not set)`,
    brandName,
    templates: templates.map(({ usageType, content }) => ({ usageType, content })),
  };
}
