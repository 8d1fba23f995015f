import type { LogtoConfig } from '../../logto-config';
import type { ManagementApi } from './management-api';
import { type StepPlan, diffFields } from './plan';

export const SIGN_IN_EXPERIENCE_STEP = 'Sign-in experience';

/** The parts of Logto's sign-in experience this step manages, as the tenant holds them. */
interface ManagedSignInExperience {
  signInMode: string;
  signUp: {
    identifiers: string[];
    password: boolean;
    verify: boolean;
    secondaryIdentifiers?: Array<{ identifier: string; verify?: boolean }>;
  };
  signIn: { methods: Array<{ identifier: string }> };
  sentinelPolicy?: Record<string, unknown>;
  passwordPolicy?: Record<string, unknown>;
  forgotPasswordMethods?: string[] | null;
  captchaPolicy?: Record<string, unknown>;
  mfa?: Record<string, unknown>;
}

/**
 * Makes the tenant's sign-in mode, sign-up and sign-in methods exactly what the file says (a
 * pre-configured tenant's extra sign-up fields or sign-in methods are removed, and the plan lists
 * them before anything is written). `sentinelPolicy`, `passwordPolicy`, `forgotPasswordMethods`,
 * `captchaPolicy` and `mfa` are sent only when the file sets them: on Logto Cloud a non-empty
 * sentinel policy, an enabled CAPTCHA and MFA factors are plan features (403
 * `subscription.limit_exceeded` on Free). Runs after the connector steps, because Logto refuses
 * phone or email codes until an SMS or email connector exists.
 * @see https://openapi.logto.io/operation/operation-updatesigninexp
 */
export async function syncSignInExperience(
  api: ManagementApi,
  config: LogtoConfig,
  options: { dryRun: boolean; beforeWrite?: (plan: StepPlan) => void },
): Promise<StepPlan> {
  const wanted = config.signInExperience;
  const current: ManagedSignInExperience = await api.call(
    SIGN_IN_EXPERIENCE_STEP,
    'GET /api/sign-in-exp',
    api.client.GET('/api/sign-in-exp'),
  );
  const extras = await optionalFields(config);
  const signUp = {
    identifiers: wanted.signUp.identifiers,
    password: wanted.signUp.password,
    verify: wanted.signUp.verify,
    secondaryIdentifiers: wanted.signUp.secondaryIdentifiers,
  };
  const changes = [
    ...diffFields({ signInMode: current.signInMode }, { signInMode: wanted.signInMode }),
    ...diffFields(
      { ...current.signUp, secondaryIdentifiers: current.signUp.secondaryIdentifiers ?? [] },
      signUp,
      'signUp.',
    ),
    ...diffFields(current.signIn, wanted.signIn, 'signIn.'),
    ...(wanted.sentinelPolicy === undefined
      ? []
      : diffFields(current.sentinelPolicy, wanted.sentinelPolicy, 'sentinelPolicy.')),
    ...diffFields(current as unknown as Record<string, unknown>, extras),
  ];
  const removals = describeRemovals(current, config);
  const plan: StepPlan = {
    step: SIGN_IN_EXPERIENCE_STEP,
    action: changes.length === 0 ? 'none' : 'update',
    changes,
    ...(removals.length === 0 ? {} : { removals }),
  };
  if (changes.length > 0 && !options.dryRun) {
    options.beforeWrite?.(plan);
    await api.call(
      SIGN_IN_EXPERIENCE_STEP,
      'PATCH /api/sign-in-exp',
      api.client.PATCH('/api/sign-in-exp', {
        body: {
          signInMode: wanted.signInMode,
          signUp,
          signIn: wanted.signIn,
          ...(wanted.sentinelPolicy === undefined
            ? {}
            : { sentinelPolicy: { ...current.sentinelPolicy, ...wanted.sentinelPolicy } }),
          ...extras,
        },
      }),
    );
  }
  return plan;
}

/**
 * The options beyond sign-up and sign-in, each sent only when the file sets it: the password
 * policy (completed with Logto's defaults by Logto's own guard from `@logto/core-kit`, so the
 * tenant holds exactly what is compared next time), the reset methods, and the plan features
 * CAPTCHA and MFA (on Logto Cloud a Free tenant answers those with 403, told apart from a
 * missing role).
 * @see https://github.com/logto-io/logto/blob/master/packages/toolkit/core-kit/src/password-policy.ts
 */
async function optionalFields(config: LogtoConfig) {
  const { passwordPolicy, forgotPasswordMethods, captchaPolicy, mfa } = config.signInExperience;
  const { passwordPolicyGuard } = await import('@logto/core-kit');
  return {
    ...(passwordPolicy === undefined
      ? {}
      : { passwordPolicy: passwordPolicyGuard.parse(passwordPolicy) }),
    ...(forgotPasswordMethods === undefined ? {} : { forgotPasswordMethods }),
    ...(captchaPolicy === undefined ? {} : { captchaPolicy }),
    ...(mfa === undefined ? {} : { mfa }),
  };
}

/** What the tenant offers that the file does not, in words a person recognises from the Console. */
function describeRemovals(current: ManagedSignInExperience, config: LogtoConfig): string[] {
  const wanted = config.signInExperience;
  const removals: string[] = [];
  const keptSecondary = new Set<string>(
    wanted.signUp.secondaryIdentifiers.map((item) => item.identifier),
  );
  for (const { identifier } of current.signUp.secondaryIdentifiers ?? []) {
    if (!keptSecondary.has(identifier))
      removals.push(`signUp.secondaryIdentifiers: ${identifier} (an extra sign-up field)`);
  }
  const keptSignUp = new Set<string>(wanted.signUp.identifiers);
  for (const identifier of current.signUp.identifiers) {
    if (!keptSignUp.has(identifier)) removals.push(`signUp.identifiers: sign-up by ${identifier}`);
  }
  const keptMethods = new Set<string>(wanted.signIn.methods.map((method) => method.identifier));
  for (const { identifier } of current.signIn.methods) {
    if (!keptMethods.has(identifier)) removals.push(`signIn.methods: sign-in by ${identifier}`);
  }
  const dropped = droppedByMode(current.signInMode, wanted.signInMode);
  if (dropped !== undefined)
    removals.push(`signInMode: ${dropped} (${current.signInMode} → ${wanted.signInMode})`);
  return removals;
}

function droppedByMode(from: string, to: string): string | undefined {
  const allows = (mode: string) => ({
    register: mode === 'Register' || mode === 'SignInAndRegister',
    signIn: mode === 'SignIn' || mode === 'SignInAndRegister',
  });
  const before = allows(from);
  const after = allows(to);
  if (before.register && !after.register) return 'registration of new accounts';
  if (before.signIn && !after.signIn) return 'sign-in of existing accounts';
  return undefined;
}
