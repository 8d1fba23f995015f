import { type LogtoConfig, toVonageConnectorConfig } from '../../logto-config';
import { SetupStepError } from './errors';
import type { ManagementApi } from './management-api';
import { type StepPlan, diffFields } from './plan';

export const CONNECTOR_STEP = 'Vonage SMS connector';

const SECRET_FIELDS = new Set(['apiKey', 'apiSecret']);

/**
 * Creates the Vonage SMS connector, or PATCHes its config when it differs. Logto keeps one SMS
 * connector per tenant and `POST /api/connectors` replaces the existing one, so the plan says which
 * connector a create would replace.
 * @see https://openapi.logto.io/operation/operation-createconnector
 * @see https://openapi.logto.io/operation/operation-updateconnector
 */
export async function syncSmsConnector(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean },
): Promise<StepPlan> {
  const wanted = config.smsConnector;
  const factories = await api.call(
    CONNECTOR_STEP,
    'GET /api/connector-factories',
    api.client.GET('/api/connector-factories'),
  );
  if (!factories.some((factory) => factory.id === wanted.connectorId && factory.type === 'Sms')) {
    throw new SetupStepError(
      CONNECTOR_STEP,
      `this Logto has no "${wanted.connectorId}" SMS connector factory. Upgrade Logto or install the Vonage SMS connector, then re-run.`,
    );
  }
  const connectors = await api.call(
    CONNECTOR_STEP,
    'GET /api/connectors',
    api.client.GET('/api/connectors'),
  );
  const existing = connectors.find((connector) => connector.type === 'Sms');
  const desired = options.dryRun ? desiredConfigForPlan(config) : toConnectorConfig(config);

  if (existing === undefined || existing.connectorId !== wanted.connectorId) {
    const plan: StepPlan = {
      step: CONNECTOR_STEP,
      action: 'create',
      note:
        existing === undefined
          ? undefined
          : `replaces the existing SMS connector "${existing.connectorId}"`,
      changes: diffFields(undefined, desired, 'config.', SECRET_FIELDS),
    };
    if (!options.dryRun) {
      await api.call(
        CONNECTOR_STEP,
        'POST /api/connectors',
        api.client.POST('/api/connectors', {
          body: { connectorId: wanted.connectorId, config: desired },
        }),
      );
    }
    return plan;
  }

  const changes = diffFields(existing.config, desired, 'config.', SECRET_FIELDS);
  const plan: StepPlan = {
    step: CONNECTOR_STEP,
    action: changes.length === 0 ? 'none' : 'update',
    changes,
  };
  if (changes.length > 0 && !options.dryRun) {
    await api.call(
      CONNECTOR_STEP,
      `PATCH /api/connectors/${existing.id}`,
      api.client.PATCH('/api/connectors/{id}', {
        params: { path: { id: existing.id } },
        body: { config: desired },
      }),
    );
  }
  return plan;
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
