import type { LogtoConfig } from '../logto-config';
import type { ManagementApi } from './management-api';
import { type StepPlan, diffFields } from './plan';

export const SIGN_IN_EXPERIENCE_STEP = 'Sign-in experience';

/** The fields of Logto's sign-in experience this step reads. */
interface SignInExperience {
  signUp: Record<string, unknown>;
  signIn: { methods: unknown[] };
  sentinelPolicy?: Record<string, unknown>;
}

/**
 * PATCHes the sign-in experience only when it differs. Runs after the connector step, because Logto
 * refuses phone sign-up/sign-in until an SMS connector exists. Fields of `signUp` the file does not
 * set (e.g. `secondaryIdentifiers`) are kept as the tenant has them.
 * @see https://openapi.logto.io/operation/operation-updatesigninexp
 */
export async function syncSignInExperience(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean },
): Promise<StepPlan> {
  const wanted = config.signInExperience;
  const current = await api.get<SignInExperience>(SIGN_IN_EXPERIENCE_STEP, '/api/sign-in-exp');
  const changes = [
    ...diffFields(current.signUp, wanted.signUp, 'signUp.'),
    ...diffFields(current.signIn, wanted.signIn, 'signIn.'),
    ...(wanted.sentinelPolicy === undefined
      ? []
      : diffFields(current.sentinelPolicy, wanted.sentinelPolicy, 'sentinelPolicy.')),
  ];
  const plan: StepPlan = {
    step: SIGN_IN_EXPERIENCE_STEP,
    action: changes.length === 0 ? 'none' : 'update',
    changes,
  };
  if (changes.length > 0 && !options.dryRun) {
    await api.patch(SIGN_IN_EXPERIENCE_STEP, '/api/sign-in-exp', {
      signUp: { ...current.signUp, ...wanted.signUp },
      signIn: wanted.signIn,
      ...(wanted.sentinelPolicy === undefined
        ? {}
        : { sentinelPolicy: { ...current.sentinelPolicy, ...wanted.sentinelPolicy } }),
    });
  }
  return plan;
}
