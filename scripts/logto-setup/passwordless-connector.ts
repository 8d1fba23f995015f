import { SetupStepError } from './errors';
import type { ManagementApi } from './management-api';
import { type StepPlan, diffFields } from './plan';

/**
 * Creates a tenant's SMS or email connector from `connectorId`'s factory, or PATCHes its config
 * when it differs. Logto keeps one connector of each of these types per tenant and
 * `POST /api/connectors` replaces the existing one, so the plan says which a create would replace.
 * @see https://openapi.logto.io/operation/operation-createconnector
 * @see https://openapi.logto.io/operation/operation-updateconnector
 */
export async function syncPasswordlessConnector(
  api: ManagementApi,
  options: {
    step: string;
    type: 'Sms' | 'Email';
    connectorId: string;
    /** The config to hold; secrets filled in (or, in a dry run, named as unknown). */
    desired: Record<string, unknown>;
    /** Config fields reported as changed, never shown. */
    secretFields: ReadonlySet<string>;
    /** What to say when this Logto has no such factory. */
    noFactory: string;
    dryRun: boolean;
  },
): Promise<StepPlan> {
  const { step, type, connectorId, desired, secretFields } = options;
  const kind = type === 'Sms' ? 'SMS' : 'email';
  const factories = await api.call(
    step,
    'GET /api/connector-factories',
    api.client.GET('/api/connector-factories'),
  );
  if (!factories.some((factory) => factory.id === connectorId && factory.type === type)) {
    throw new SetupStepError(step, options.noFactory);
  }
  const connectors = await api.call(step, 'GET /api/connectors', api.client.GET('/api/connectors'));
  const existing = connectors.find((connector) => connector.type === type);

  if (existing === undefined || existing.connectorId !== connectorId) {
    const plan: StepPlan = {
      step,
      action: 'create',
      note:
        existing === undefined
          ? undefined
          : `replaces the existing ${kind} connector "${existing.connectorId}"`,
      changes: diffFields(undefined, desired, 'config.', secretFields),
    };
    if (!options.dryRun) {
      await api.call(
        step,
        'POST /api/connectors',
        api.client.POST('/api/connectors', { body: { connectorId, config: desired } }),
      );
    }
    return plan;
  }

  const changes = diffFields(existing.config, desired, 'config.', secretFields);
  const plan: StepPlan = { step, action: changes.length === 0 ? 'none' : 'update', changes };
  if (changes.length > 0 && !options.dryRun) {
    await api.call(
      step,
      `PATCH /api/connectors/${existing.id}`,
      api.client.PATCH('/api/connectors/{id}', {
        params: { path: { id: existing.id } },
        body: { config: desired },
      }),
    );
  }
  return plan;
}
