import { z } from 'zod';

/**
 * The usage types a Logto passwordless connector template can serve. Logto requires the first four
 * (and falls back to `Generic`); the rest are optional.
 * @see https://docs.logto.io/connectors/email-connectors/email-templates
 */
export const TEMPLATE_USAGE_TYPES = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'Generic',
  'OrganizationInvitation',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
] as const;

/** One of Logto's template usage types, e.g. `SignIn`. */
export type TemplateUsageType = (typeof TEMPLATE_USAGE_TYPES)[number];

/** Templates without which Logto cannot send a code for sign-in, sign-up or password reset. */
export const REQUIRED_TEMPLATE_USAGE_TYPES: readonly TemplateUsageType[] = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'Generic',
];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Vonage's `from`: up to 11 letters/digits/spaces, or a phone number.
// @see https://developer.vonage.com/en/messaging/sms/guides/custom-sender-id
const VONAGE_SENDER = /^(?:[A-Za-z0-9 ]{1,11}|\+?\d{1,15})$/;
// An API key/secret pasted into the file: one long run of letters and digits.
const LOOKS_LIKE_SECRET = /^[A-Za-z0-9_\-+/=]{8,}$/;

const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '';
    } catch {
      return false;
    }
  },
  {
    error: (issue) =>
      `must be an absolute http(s) URL without a #fragment, like http://localhost:3000/api/auth/callback/logto (got ${JSON.stringify(issue.input)})`,
  },
);

const envReference = z.strictObject({
  env: z
    .string()
    .regex(ENV_NAME, { error: 'must be an environment variable name like VONAGE_API_KEY' }),
});

/** A secret is always `{ "env": "NAME" }`; a string here is refused and never echoed back. */
export const secretReference = (example: string) =>
  z.unknown().transform((value, ctx) => {
    if (typeof value === 'string') {
      ctx.addIssue({
        code: 'custom',
        input: '(hidden)',
        message: `${LOOKS_LIKE_SECRET.test(value) ? 'looks like a literal secret, which must never be in this file' : 'must not be a string'}: write { "env": "${example}" } and put the value in .env.local or your deployment's secrets`,
      });
      return z.NEVER;
    }
    const parsed = envReference.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        input: '(hidden)',
        message: `must be an environment variable reference like { "env": "${example}" }`,
      });
      return z.NEVER;
    }
    return parsed.data;
  });

const template = z.strictObject({
  usageType: z.enum(TEMPLATE_USAGE_TYPES, {
    error: `must be one of ${TEMPLATE_USAGE_TYPES.join(', ')}`,
  }),
  content: z
    .string()
    .min(1)
    .refine((content) => content.includes('{{code}}'), {
      error: 'must contain {{code}}, where Logto puts the verification code',
    }),
});

/**
 * A connector's templates (SMS or email): one per usage type, with the four Logto needs.
 * @see https://docs.logto.io/connectors/email-connectors/email-templates
 */
export function templateList<Item extends z.ZodType<{ usageType: string }>>(item: Item) {
  return z.array(item).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((item, index) => {
      if (seen.has(item.usageType)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'usageType'],
          message: `${item.usageType} appears twice; keep one template per usage type`,
        });
      }
      seen.add(item.usageType);
    });
    for (const required of REQUIRED_TEMPLATE_USAGE_TYPES) {
      if (!seen.has(required)) {
        ctx.addIssue({
          code: 'custom',
          message: `a template with usageType "${required}" is required (Logto needs ${REQUIRED_TEMPLATE_USAGE_TYPES.join(', ')})`,
        });
      }
    }
  });
}

const templates = templateList(template);

const identifier = z.enum(['username', 'email', 'phone']);

/**
 * Who may use the sign-in page: `SignIn` (existing accounts only), `Register` or both.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in/disable-user-registration
 */
export const SIGN_IN_MODES = ['SignIn', 'Register', 'SignInAndRegister'] as const;

// The extra fields Logto asks for at sign-up, after the primary identifier. Logto answers 400
// (sign_in_experiences.duplicated_sign_up_identifiers) when one repeats a primary identifier, or
// when `emailOrPhone` sits beside a primary email or phone; the same rule is checked here first.
const secondaryIdentifier = z.strictObject({
  identifier: z.enum(['username', 'email', 'phone', 'emailOrPhone']),
  verify: z.boolean().optional(),
});

const signInMethod = z
  .strictObject({
    identifier,
    password: z.boolean(),
    verificationCode: z.boolean(),
    isPasswordPrimary: z.boolean(),
  })
  .refine((method) => method.password || method.verificationCode, {
    error: 'needs password or verificationCode (or both) set to true',
  })
  .refine((method) => !(method.identifier === 'username' && method.verificationCode), {
    error: 'a username cannot receive a verification code; set verificationCode to false',
  });

/**
 * What an end user may do with each account field through Logto's Account API and its prebuilt
 * Account Center (`/account/...`): nothing, read it, or change it.
 * @see https://docs.logto.io/end-user-flows/account-settings/by-account-api
 */
export const ACCOUNT_CENTER_CONTROLS = ['Off', 'ReadOnly', 'Edit'] as const;

/** The account fields Logto's account center settings control (`PATCH /api/account-center`). */
export const ACCOUNT_CENTER_FIELDS = [
  'name',
  'avatar',
  'profile',
  'email',
  'phone',
  'password',
  'username',
  'social',
  'customData',
  'mfa',
  'passkey',
  'session',
] as const;

const accountCenterControl = z.enum(ACCOUNT_CENTER_CONTROLS, {
  error: `must be one of ${ACCOUNT_CENTER_CONTROLS.join(', ')}`,
});

/**
 * The account center as `PATCH /api/account-center` takes it: on or off, and a control per field.
 * Fields the file leaves out keep whatever the tenant has.
 * @see https://openapi.logto.io/operation/operation-updateaccountcentersettings
 */
const accountCenter = z.strictObject({
  enabled: z.boolean(),
  fields: z.strictObject(
    Object.fromEntries(
      ACCOUNT_CENTER_FIELDS.map((field) => [field, accountCenterControl.optional()]),
    ) as Record<(typeof ACCOUNT_CENTER_FIELDS)[number], z.ZodOptional<typeof accountCenterControl>>,
  ),
});

/**
 * The shape of `logto.config.json` after `${…}` interpolation, before secrets are resolved.
 * Field names follow Logto's Management API so that they can be sent as they are.
 * @see https://openapi.logto.io/operation/operation-updateapplication
 * @see https://openapi.logto.io/operation/operation-createconnector
 * @see https://openapi.logto.io/operation/operation-updatesigninexp
 */
export const logtoConfigFileSchema = z.strictObject({
  $schema: z.string().optional(),
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  application: z.strictObject({
    name: z.string().trim().min(1).max(256),
    type: z.literal('Traditional', {
      error: 'must be "Traditional" (a server-side web app with a client secret, as next-auth is)',
    }),
    description: z.string().optional(),
    redirectUris: z.array(httpUrl).min(1, { error: 'needs at least one redirect URI' }),
    postLogoutRedirectUris: z
      .array(httpUrl)
      .min(1, { error: 'needs at least one post sign-out redirect URI' }),
  }),
  smsConnector: z.strictObject({
    connectorId: z.literal('vonage-sms', {
      error: 'must be "vonage-sms" (Logto\'s Vonage SMS connector)',
    }),
    brandName: z.string().regex(VONAGE_SENDER, {
      error: 'must be up to 11 letters, digits or spaces, or a phone number (Vonage sender rules)',
    }),
    apiKey: secretReference('VONAGE_API_KEY'),
    apiSecret: secretReference('VONAGE_API_SECRET'),
    templates,
  }),
  signInExperience: z.strictObject({
    signInMode: z
      .enum(SIGN_IN_MODES, { error: `must be one of ${SIGN_IN_MODES.join(', ')}` })
      .default('SignInAndRegister'),
    signUp: z
      .strictObject({
        identifiers: z.array(identifier).min(1),
        password: z.boolean(),
        verify: z.boolean(),
        secondaryIdentifiers: z.array(secondaryIdentifier).default([]),
      })
      .refine((signUp) => signUp.verify || !signUp.identifiers.includes('phone'), {
        error: 'verify must be true when signing up with phone',
        path: ['verify'],
      })
      .superRefine((signUp, ctx) => {
        const duplicate = duplicatedSignUpIdentifier(signUp);
        if (duplicate !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['secondaryIdentifiers'],
            message: `"${duplicate}" is already asked for at sign-up; Logto refuses an identifier listed twice (duplicated_sign_up_identifiers)`,
          });
        }
      }),
    signIn: z.strictObject({
      methods: z.array(signInMethod).min(1, { error: 'needs at least one sign-in method' }),
    }),
    sentinelPolicy: z
      .strictObject({
        maxAttempts: z.int().min(1),
        lockoutDuration: z.int().min(1),
      })
      .optional(),
  }),
  accountCenter: accountCenter.optional(),
});

/**
 * The first sign-up identifier that Logto would call duplicated, if any.
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/libraries/sign-in-experience/sign-up.ts
 */
export function duplicatedSignUpIdentifier(signUp: {
  identifiers: readonly string[];
  secondaryIdentifiers?: ReadonlyArray<{ identifier: string }>;
}): string | undefined {
  const seen = new Set<string>();
  for (const name of [
    ...signUp.identifiers,
    ...(signUp.secondaryIdentifiers ?? []).map((item) => item.identifier),
  ]) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  const primaryEmailOrPhone = signUp.identifiers.find(
    (name) => name === 'email' || name === 'phone',
  );
  const hasEmailOrPhone = (signUp.secondaryIdentifiers ?? []).some(
    (item) => item.identifier === 'emailOrPhone',
  );
  return hasEmailOrPhone && primaryEmailOrPhone !== undefined ? 'emailOrPhone' : undefined;
}

/** `logto.config.json` as written, after interpolation (secrets still references). */
export type LogtoConfigFile = z.infer<typeof logtoConfigFileSchema>;
