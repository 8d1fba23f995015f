import { SetupStepError } from './errors';

/**
 * Logto's error body: `{ code, message, data? }` from the Management API (`data` carries a plan
 * limit's `key`, `limit` and `usage`), `{ error, error_description }` from the token endpoint.
 */
interface LogtoErrorBody {
  code?: string;
  message?: string;
  error?: string;
  error_description?: string;
  data?: { key?: string; limit?: number; usage?: number };
}

/** A non-2xx answer: its status and its body, parsed when it was JSON. */
export interface FailedAnswer {
  status: number;
  body: unknown;
}

// What a Logto Cloud plan limit means for this setup, by the quota key Logto names in `data.key`.
// @see https://github.com/logto-io/logto/blob/master/packages/core/src/libraries/quota.ts
const PLAN_LIMITS: Record<string, (data: LogtoErrorBody['data']) => string> = {
  securityFeaturesEnabled: () =>
    "the tenant's plan does not include security features, which signInExperience.sentinelPolicy, signInExperience.captchaPolicy or captchaProvider in logto.config.json ask for. Remove sentinelPolicy from the file (Logto then keeps its default lockout) and the CAPTCHA settings (Logto then shows none), or upgrade the plan in the Console, then re-run.",
  mfaEnabled: () =>
    "the tenant's plan does not include MFA, which signInExperience.mfa in logto.config.json asks for. Remove mfa from the file (or leave its factors empty), or upgrade the plan in the Console, then re-run.",
  applicationsLimit: (data) =>
    `the tenant already has ${data?.limit === undefined ? 'all the' : `${data.usage ?? data.limit} of the ${data.limit}`} applications its plan allows (Logto Cloud's Free plan allows 3). Delete an application you no longer use in the Console, or upgrade the plan, then re-run.`,
};

/**
 * Turns a non-2xx answer into a {@link SetupStepError} that says what to do about it. A 403 is
 * either a plan limit (`subscription.limit_exceeded`) or a missing role, and the message says which.
 */
export function explainFailure(
  step: string,
  request: string,
  answer: FailedAnswer,
): SetupStepError {
  const body: LogtoErrorBody =
    answer.body !== null && typeof answer.body === 'object' ? (answer.body as LogtoErrorBody) : {};
  const detail = [body.code ?? body.error, body.message ?? body.error_description]
    .filter(Boolean)
    .join(': ')
    .replace(/\.$/, '');
  const said = detail === '' ? '' : ` Logto said: ${detail}.`;
  const status = answer.status;
  if (status === 403 && body.code === 'subscription.limit_exceeded') {
    const key = body.data?.key ?? 'unknown';
    const advice =
      PLAN_LIMITS[key]?.(body.data) ??
      `the tenant's plan does not allow "${key}". Upgrade the plan in the Console, or take the field that needs it out of logto.config.json, then re-run.`;
    return new SetupStepError(
      step,
      `Logto Cloud refused ${request}: a plan limit, not a missing role (403 subscription.limit_exceeded, ${key}): ${advice}`,
    );
  }
  if (status === 403 && body.code === 'system_limit.limit_exceeded') {
    return new SetupStepError(
      step,
      `Logto Cloud refused ${request}: a system limit, not a missing role (403 system_limit.limit_exceeded, ${body.data?.key ?? 'unknown'}). Contact Logto support to raise it.`,
    );
  }
  switch (status) {
    case 401:
      return new SetupStepError(
        step,
        `Logto refused the credentials (401 on ${request}).${said} Check LOGTO_M2M_APP_ID and LOGTO_M2M_APP_SECRET, and that LOGTO_ENDPOINT is the tenant they belong to.`,
      );
    case 403:
      return new SetupStepError(
        step,
        `Logto forbade ${request} (403), a missing role or scope.${said} Give the machine-to-machine app the "Logto Management API access" role (scope "all") in the Console under Roles.`,
      );
    case 400:
    case 422:
      return new SetupStepError(
        step,
        `Logto rejected ${request} (${status}).${said} Fix the matching field in logto.config.json or the environment, then re-run.`,
      );
    default:
      return new SetupStepError(
        step,
        `Logto answered ${status} to ${request}.${said} Try again; if it persists, check the tenant's status.`,
      );
  }
}
