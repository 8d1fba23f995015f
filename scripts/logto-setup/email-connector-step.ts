import type { LogtoConfig } from '../../logto-config';
import { SetupStepError } from './errors';
import type { ManagementApi } from './management-api';
import { syncPasswordlessConnector } from './passwordless-connector';
import type { StepPlan } from './plan';

export const EMAIL_CONNECTOR_STEP = 'SMTP email connector';

const SECRET_FIELDS = new Set(['auth']);

type EmailConnector = NonNullable<LogtoConfig['emailConnector']>;

/**
 * Creates Logto's SMTP email connector, or PATCHes its config when it differs, when the file has
 * an `emailConnector`; a file without one leaves the tenant's email connector alone (a create
 * replaces the tenant's email connector, and says so). The config is checked by the package's own
 * guard (`@logto/connector-smtp`) before anything is sent. Runs before the sign-in experience,
 * which Logto refuses to give email codes without an email connector.
 * @see https://docs.logto.io/integrations/smtp
 * @see https://openapi.logto.io/operation/operation-createconnector
 */
export async function syncEmailConnector(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean },
): Promise<StepPlan | undefined> {
  const wanted = config.emailConnector;
  if (wanted === undefined) return undefined;
  const desired = options.dryRun ? desiredConfig(wanted, true) : desiredConfig(wanted, false);
  await assertSmtpGuardAccepts(desired);
  return syncPasswordlessConnector(api, {
    step: EMAIL_CONNECTOR_STEP,
    type: 'Email',
    connectorId: wanted.connectorId,
    desired,
    secretFields: SECRET_FIELDS,
    noFactory: `this Logto has no "${wanted.connectorId}" email connector factory. Upgrade Logto or install the SMTP connector, then re-run.`,
    dryRun: options.dryRun,
  });
}

/**
 * The connector config as Logto's SMTP connector takes it, with the password filled in. A real
 * run needs the password variable; a dry run compares it as "(NAME not set)".
 */
function desiredConfig(wanted: EmailConnector, dryRun: boolean): Record<string, unknown> {
  const { pass } = wanted.auth;
  if (pass.value === undefined && !dryRun) {
    throw new SetupStepError(
      EMAIL_CONNECTOR_STEP,
      `${pass.env} is not set. Add the SMTP password to .env.local (your email provider gives it), then re-run.`,
    );
  }
  const { host, port, secure, fromEmail, replyTo, templates } = wanted;
  return {
    host,
    port,
    secure,
    auth: { user: wanted.auth.user, pass: pass.value ?? `(${pass.env} not set)` },
    fromEmail,
    ...(replyTo === undefined ? {} : { replyTo }),
    templates,
  };
}

/**
 * Checks the config with the config guard of Logto's own SMTP connector package, what Logto
 * checks it against when the connector is created or updated.
 * @see https://github.com/logto-io/logto/blob/master/packages/connectors/connector-smtp/src/types.ts
 */
export async function assertSmtpGuardAccepts(config: Record<string, unknown>): Promise<void> {
  const { default: createSmtpConnector } = await import('@logto/connector-smtp');
  const { configGuard } = await createSmtpConnector({ getConfig: async () => config });
  const result = configGuard.safeParse(config);
  if (!result.success) {
    throw new SetupStepError(
      EMAIL_CONNECTOR_STEP,
      `Logto's SMTP connector refuses logto.config.json's emailConnector: ${JSON.stringify(result.error?.issues).slice(0, 400)}. Fix emailConnector, then re-run.`,
    );
  }
}
