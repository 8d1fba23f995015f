import path from 'node:path';

import {
  type Env,
  LogtoConfigError,
  SIGN_IN_HOST_VARIABLE,
  loadLogtoConfig,
} from '../../logto-config';
import { ACCOUNT_CENTER_STEP, syncAccountCenter } from './account-center-step';
import { syncApplication } from './application-step';
import { USAGE, UsageError, parseSetupArgs } from './args';
import { CONNECTOR_STEP, syncSmsConnector } from './connector-step';
import { CAPTCHA_STEP, syncCaptchaProvider } from './captcha-step';
import { EMAIL_CONNECTOR_STEP, syncEmailConnector } from './email-connector-step';
import type { StepPlan } from './plan';
import { updateEnvFile } from './env-file';
import { SetupStepError } from './errors';
import { ManagementApi } from './management-api';
import { managementResource, managementTenantId } from './management-resource';
import { type Output, Progress, describeOutcome, formatPlan, formatRemovals } from './report';
import { SIGN_IN_EXPERIENCE_STEP, syncSignInExperience } from './sign-in-experience-step';
import { TEST_SMS_STEP, sendTestSms, testSmsDigits } from './test-sms';
import { TOKEN_STEP, fetchManagementToken } from './token';

/** Exit codes of `npm run logto:setup`. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface RunSetupOptions {
  /** Arguments after `npm run logto:setup --`. */
  argv: readonly string[];
  /** Credentials and `${…}` values; main.ts passes process.env after loading .env/.env.local. */
  env: Env;
  stdout: Output;
  /** Directory relative paths are resolved against; default process.cwd(). */
  cwd?: string;
}

interface Credentials {
  endpoint: string;
  appId: string;
  appSecret: string;
  /** The Management API's resource indicator, from the tenant id. */
  resource: string;
}

/**
 * Applies logto.config.json to a Logto tenant, in the order Logto needs (application → SMS
 * connector → sign-in experience → account center), each step changing only what differs, so a second run changes
 * nothing and a re-run after a failure resumes. Returns the exit code; never throws for bad input.
 * @see https://docs.logto.io/integrate-logto/interact-with-management-api
 */
export async function runSetup(options: RunSetupOptions): Promise<number> {
  const out = options.stdout;
  const cwd = options.cwd ?? process.cwd();
  let args;
  let credentials: Credentials;
  let testDigits: string | undefined;
  try {
    args = parseSetupArgs(options.argv);
    if (args.help) {
      out.write(USAGE);
      return EXIT.ok;
    }
    credentials = readCredentials(options.env);
    testDigits = args.testSms === undefined ? undefined : testSmsDigits(args.testSms);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.write(`✗ ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const progress = new Progress(out);
  const envFile = path.resolve(cwd, args.envFile);
  const envFileLabel = path.relative(cwd, envFile) || envFile;
  const dryRun = args.dryRun;
  let step = 'Read logto.config.json';
  // Runs one step between its "…" and "✓" lines, remembering its name for the "✗" line.
  const track = async <T>(name: string, work: () => Promise<T>, outcome: (result: T) => string) => {
    step = name;
    progress.start(name);
    const result = await work();
    progress.done(name, outcome(result));
    return result;
  };
  try {
    const config = await track(
      step,
      async () =>
        loadLogtoConfig({
          path: path.resolve(cwd, args.configPath ?? 'logto.config.json'),
          env: {
            ...options.env,
            // The WebOTP line of each SMS names Logto's sign-in page: the tenant's host.
            [SIGN_IN_HOST_VARIABLE]:
              options.env[SIGN_IN_HOST_VARIABLE]?.trim() || new URL(credentials.endpoint).hostname,
          },
        }),
      (loaded) => `${path.relative(cwd, loaded.file)} is valid`,
    );

    const token = await track(
      TOKEN_STEP,
      () => fetchManagementToken(credentials),
      () => `scope "all" for ${credentials.resource}`,
    );
    const api = new ManagementApi(credentials.endpoint, token);

    const app = await track(
      `Application "${config.application.name}"`,
      () => syncApplication(api, config, { dryRun }),
      (result) => describeOutcome(result.plan, dryRun),
    );

    // Written right after the application step, so the app's credentials are kept even if a later
    // step fails. In a dry run of a new app, the id and secret do not exist yet.
    const envUpdates: Record<string, string> = {
      AUTH_LOGTO_ISSUER: `${credentials.endpoint}/oidc`,
      ...(app.clientId === undefined ? {} : { AUTH_LOGTO_ID: app.clientId }),
      ...(app.clientSecret === undefined ? {} : { AUTH_LOGTO_SECRET: app.clientSecret }),
    };
    const pendingNames = ['AUTH_LOGTO_ID', 'AUTH_LOGTO_SECRET'].filter(
      (name) => !(name in envUpdates),
    );
    const envChanges = await track(
      envFileLabel,
      async () => [...(await updateEnvFile(envFile, envUpdates, { dryRun })), ...pendingNames],
      (changed) =>
        changed.length === 0
          ? 'already up to date'
          : `${dryRun ? 'would set' : 'set'} ${changed.join(', ')} (other lines kept)`,
    );

    const connectorPlan = await track(
      CONNECTOR_STEP,
      () => syncSmsConnector(api, config, { dryRun }),
      (plan) => describeOutcome(plan, dryRun),
    );
    // Only when the file has them: an email connector, a CAPTCHA provider (a plan feature).
    const optionalPlans: StepPlan[] = [];
    if (config.emailConnector !== undefined) {
      optionalPlans.push(
        (await track(
          EMAIL_CONNECTOR_STEP,
          () => syncEmailConnector(api, config, { dryRun }),
          (plan) => describeOutcome(plan!, dryRun),
        ))!,
      );
    }
    if (config.captchaProvider !== undefined) {
      optionalPlans.push(
        (await track(
          CAPTCHA_STEP,
          () => syncCaptchaProvider(api, config, { dryRun }),
          (plan) => describeOutcome(plan!, dryRun),
        ))!,
      );
    }
    const signInPlan = await track(
      SIGN_IN_EXPERIENCE_STEP,
      () =>
        syncSignInExperience(api, config, {
          dryRun,
          beforeWrite: (plan) => out.write(formatRemovals(plan)),
        }),
      (plan) => describeOutcome(plan, dryRun),
    );

    const accountCenterPlan = await track(
      ACCOUNT_CENTER_STEP,
      () => syncAccountCenter(api, config, { dryRun }),
      (plan) => (config.accountCenter === undefined ? plan.note! : describeOutcome(plan, dryRun)),
    );

    if (testDigits !== undefined) {
      const digits = testDigits;
      await track(
        TEST_SMS_STEP,
        () => sendTestSms(api, config, digits),
        () => `sent to +${digits.slice(0, 3)}…${digits.slice(-2)}; check the phone`,
      );
    }

    if (dryRun)
      out.write(
        formatPlan(
          [app.plan, connectorPlan, ...optionalPlans, signInPlan, accountCenterPlan],
          envChanges,
          envFileLabel,
        ),
      );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SetupStepError) progress.fail(error.step, error.message);
    else if (error instanceof LogtoConfigError) progress.fail(step, error.message);
    else progress.fail(step, `unexpected error: ${(error as Error).message}`);
    return EXIT.failure;
  }
}

function readCredentials(env: Env): Credentials {
  const names = ['LOGTO_ENDPOINT', 'LOGTO_M2M_APP_ID', 'LOGTO_M2M_APP_SECRET'] as const;
  const missing = names.filter((name) => (env[name] ?? '').trim() === '');
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set. Create a machine-to-machine app with the "Logto Management API access" role in the Logto Console and put its values in .env.local.`,
    );
  }
  const raw = (env.LOGTO_ENDPOINT ?? '').trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `LOGTO_ENDPOINT must be a URL like https://your-tenant.logto.app (got "${raw}")`,
    );
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search !== ''
  ) {
    throw new UsageError(
      `LOGTO_ENDPOINT must be the tenant's origin, like https://your-tenant.logto.app, without /oidc or /api (got "${raw}")`,
    );
  }
  return {
    endpoint: url.origin,
    appId: (env.LOGTO_M2M_APP_ID ?? '').trim(),
    appSecret: (env.LOGTO_M2M_APP_SECRET ?? '').trim(),
    resource: managementResource(managementTenantId(url.origin, env.LOGTO_TENANT_ID)),
  };
}
