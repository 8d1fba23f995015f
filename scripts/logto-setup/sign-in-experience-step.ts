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
}

/**
 * Makes the tenant's sign-in mode, sign-up and sign-in methods exactly what the file says (a
 * pre-configured tenant's extra sign-up fields or sign-in methods are removed, and the plan lists
 * them before anything is written). `sentinelPolicy` is sent only when the file sets it: on Logto
 * Cloud a non-empty one is a plan feature (403 `subscription.limit_exceeded` on Free). Runs after
 * the connector step, because Logto refuses phone sign-up/sign-in until an SMS connector exists.
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
        },
      }),
    );
  }
  return plan;
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
