import { z } from 'zod';

import { captchaProviderSchema } from './captcha-provider';
import { emailConnectorSchema } from './email-connector';
import { logtoConfigFileSchema } from './schema';

/**
 * How a person may reset a forgotten password: by a code sent to their email or to their phone.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in/reset-password
 */
export const FORGOT_PASSWORD_METHODS = ['EmailVerificationCode', 'PhoneVerificationCode'] as const;

/** Logto's MFA factors, as `signInExperience.mfa.factors` names them. */
export const MFA_FACTORS = [
  'Totp',
  'WebAuthn',
  'BackupCode',
  'EmailVerificationCode',
  'PhoneVerificationCode',
] as const;

const MFA_POLICIES = [
  'UserControlled',
  'Mandatory',
  'PromptOnlyAtSignIn',
  'PromptAtSignInAndSignUp',
  'NoPrompt',
  'PromptAtSignInAndSignUpMandatory',
  'PromptOnlyAtSignInMandatory',
] as const;

/**
 * Logto's password policy, every field optional: what is left out takes Logto's default (at least
 * 8 and at most 256 characters, one character type, and rejecting breached passwords, repetition
 * and sequences like "aaa" or "123", and the person's own phone, email, name or username).
 * @see https://docs.logto.io/security/password-policy
 * @see https://github.com/logto-io/logto/blob/master/packages/toolkit/core-kit/src/password-policy.ts
 */
export const passwordPolicySchema = z.strictObject({
  length: z
    .strictObject({ min: z.int().min(1).optional(), max: z.int().min(1).optional() })
    .refine(({ min, max }) => min === undefined || max === undefined || min <= max, {
      error: 'min must not be greater than max',
    })
    .optional(),
  characterTypes: z.strictObject({ min: z.int().min(1).max(4).optional() }).optional(),
  rejects: z
    .strictObject({
      pwned: z.boolean().optional(),
      repetitionAndSequence: z.boolean().optional(),
      userInfo: z.boolean().optional(),
      words: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

const signInOptions = {
  passwordPolicy: passwordPolicySchema.optional(),
  forgotPasswordMethods: z
    .array(
      z.enum(FORGOT_PASSWORD_METHODS, { error: `must be ${FORGOT_PASSWORD_METHODS.join(' or ')}` }),
    )
    .refine((methods) => new Set(methods).size === methods.length, {
      error: 'lists a method twice',
    })
    .optional(),
  /** Logto Cloud plan feature (security features): sent only when set. */
  captchaPolicy: z.strictObject({ enabled: z.boolean() }).optional(),
  /** Logto Cloud plan feature (MFA): sent only when set. */
  mfa: z
    .strictObject({
      factors: z.array(z.enum(MFA_FACTORS, { error: `must be one of ${MFA_FACTORS.join(', ')}` })),
      policy: z.enum(MFA_POLICIES, { error: `must be one of ${MFA_POLICIES.join(', ')}` }),
      organizationRequiredMfaPolicy: z.enum(['NoPrompt', 'Mandatory']).optional(),
    })
    .optional(),
};

/**
 * The whole of logto.config.json: the base description (./schema.ts: application, SMS connector,
 * sign-up and sign-in) plus the options of Logto's "Sign-up and sign-in" page that go beyond phone
 * and code: passwords and their policy, password reset, an SMTP email connector, CAPTCHA and MFA.
 * The cross-checks are the ones Logto's `PATCH /api/sign-in-exp` makes, so a file Logto would
 * refuse is refused here first, with the field named.
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/libraries/sign-in-experience/sign-in.ts
 */
export const tenantConfigSchema = logtoConfigFileSchema
  .extend({
    emailConnector: emailConnectorSchema.optional(),
    captchaProvider: captchaProviderSchema.optional(),
    signInExperience: logtoConfigFileSchema.shape.signInExperience.extend(signInOptions),
  })
  .superRefine((file, ctx) => {
    for (const issue of crossFieldIssues(file)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** logto.config.json as written, after interpolation (secrets still references). */
export type TenantConfigFile = z.infer<typeof tenantConfigSchema>;

type CheckedFile = Pick<z.infer<typeof logtoConfigFileSchema>, 'signInExperience'> & {
  emailConnector?: unknown;
  captchaProvider?: unknown;
  signInExperience: {
    forgotPasswordMethods?: readonly string[];
    captchaPolicy?: { enabled: boolean };
    mfa?: { factors: readonly string[] };
  };
};

/**
 * What Logto would refuse in a file that each block on its own accepts: email without an email
 * connector, code-less sign-in where sign-up verifies without a password, CAPTCHA without a
 * provider, and a code that is both a sign-in method and an MFA factor.
 */
export function crossFieldIssues(file: CheckedFile): Array<{ path: string[]; message: string }> {
  const { signUp, signIn, forgotPasswordMethods = [], captchaPolicy, mfa } = file.signInExperience;
  const issues: Array<{ path: string[]; message: string }> = [];
  if (file.emailConnector === undefined) {
    const needsEmail = [
      signUp.identifiers.includes('email') && 'signUp.identifiers has "email"',
      signIn.methods.some((method) => method.identifier === 'email' && method.verificationCode) &&
        'an email sign-in method sends codes',
      forgotPasswordMethods.includes('EmailVerificationCode') &&
        'forgotPasswordMethods has EmailVerificationCode',
    ].filter(Boolean);
    if (needsEmail.length > 0) {
      issues.push({
        path: ['emailConnector'],
        message: `is required: ${needsEmail.join(', ')}, and Logto sends email codes only through an email connector (enabled_connector_not_found)`,
      });
    }
  }
  if (!signUp.verify && signUp.identifiers.includes('email')) {
    issues.push({
      path: ['signInExperience', 'signUp', 'verify'],
      message:
        'must be true when signing up with email: Logto verifies every email or phone at sign-up (passwordless_requires_verify)',
    });
  }
  if (signUp.verify && !signUp.password) {
    const index = signIn.methods.findIndex(
      (method) => method.identifier !== 'username' && !method.verificationCode,
    );
    if (index !== -1) {
      issues.push({
        path: ['signInExperience', 'signIn', 'methods', String(index), 'verificationCode'],
        message:
          'must be true: people sign up without a password (signUp.password is false), so they can only sign in with a code (Logto: code_sign_in_must_be_enabled)',
      });
    }
  }
  if (captchaPolicy?.enabled && file.captchaProvider === undefined) {
    issues.push({
      path: ['captchaProvider'],
      message:
        'is required when signInExperience.captchaPolicy.enabled is true: name Turnstile or reCAPTCHA Enterprise and its keys',
    });
  }
  for (const identifier of ['email', 'phone'] as const) {
    const factor = identifier === 'email' ? 'EmailVerificationCode' : 'PhoneVerificationCode';
    const codeSignIn = signIn.methods.some(
      (method) => method.identifier === identifier && method.verificationCode,
    );
    if (codeSignIn && mfa?.factors.includes(factor)) {
      issues.push({
        path: ['signInExperience', 'mfa', 'factors'],
        message: `has ${factor}, but ${identifier} codes already sign people in; Logto refuses a code as both (${identifier}_verification_code_cannot_be_used_for_sign_in)`,
      });
    }
  }
  return issues;
}
