import type { LogtoConfig } from '../../logto-config';
import { SetupStepError } from './errors';
import { type ManagementApi, unreachable } from './management-api';
import { type StepPlan, diffFields } from './plan';

export const CAPTCHA_STEP = 'CAPTCHA provider';

const SECRET_FIELDS = new Set(['secretKey']);

/**
 * Puts the file's CAPTCHA provider (Cloudflare Turnstile or reCAPTCHA Enterprise) on the tenant
 * when the file has a `captchaProvider`, and only then: on Logto Cloud it is a plan feature
 * (security features), which a Free tenant answers with 403 `subscription.limit_exceeded`, told
 * apart from a missing role (./logto-failure.ts). `signInExperience.captchaPolicy` turns it on.
 * @see https://docs.logto.io/security/captcha
 * @see https://openapi.logto.io/operation/operation-updatecaptchaprovider
 */
export async function syncCaptchaProvider(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean },
): Promise<StepPlan | undefined> {
  const wanted = config.captchaProvider;
  if (wanted === undefined) return undefined;
  const { secretKey } = wanted;
  if (secretKey.value === undefined && !options.dryRun) {
    throw new SetupStepError(
      CAPTCHA_STEP,
      `${secretKey.env} is not set. Add the CAPTCHA secret key to .env.local (the provider's dashboard shows it), then re-run.`,
    );
  }
  const desired = { ...wanted, secretKey: secretKey.value ?? `(${secretKey.env} not set)` };
  const answer = await api.client
    .GET('/api/captcha-provider')
    .catch((error: unknown) => Promise.reject(unreachable(CAPTCHA_STEP, api.endpoint, error)));
  // 404: no provider yet. Any other failure gets the usual message (./logto-failure.ts).
  const current =
    answer.response.status === 404
      ? undefined
      : (await api.call(CAPTCHA_STEP, 'GET /api/captcha-provider', Promise.resolve(answer))).config;
  const changes = diffFields(current, desired, 'config.', SECRET_FIELDS);
  const plan: StepPlan = {
    step: CAPTCHA_STEP,
    action: current === undefined ? 'create' : changes.length === 0 ? 'none' : 'update',
    changes,
  };
  if (changes.length > 0 && !options.dryRun) {
    await api.call(
      CAPTCHA_STEP,
      'PUT /api/captcha-provider',
      api.client.PUT('/api/captcha-provider', { body: { config: desired } }),
    );
  }
  return plan;
}
