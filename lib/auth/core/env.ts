import { z } from 'zod';
import { DEFAULT_ID_TOKEN_ALG, ID_TOKEN_ALGS, type IdTokenAlg } from '../provider/id-token-alg';
import { logtoIssuerOf } from '../provider/well-known';

/**
 * Where the app finds Logto and how it encrypts its session cookie, validated once.
 * Names follow Logto's next-auth guide (`AUTH_LOGTO_*`), which Auth.js v5 also reads.
 * @see https://docs.logto.io/quick-starts/next-auth
 */
export interface AuthEnv {
  /** Issuer without a trailing slash, e.g. `https://xxxx.logto.app/oidc`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app's own origin, e.g. `http://localhost:3000`. */
  appUrl: string;
  secret: string;
  /**
   * The algorithm Logto signs ID tokens with (AUTH_LOGTO_ID_TOKEN_ALG); absent means ES384, what
   * new tenants sign with.
   */
  idTokenAlg?: IdTokenAlg;
  /**
   * Secrets session cookies may still be encrypted with (NEXTAUTH_PREVIOUS_SECRETS), read after
   * `secret`; absent when none are set.
   */
  previousSecrets?: string[];
}

/**
 * What the app uses in development for a variable that is not set: e.g. a local Logto and the
 * client it seeds. The app passes its own (this folder knows no tenant); without them every
 * variable is required in development too.
 */
export type AuthDevDefaults = Partial<
  Pick<AuthEnv, 'issuer' | 'clientId' | 'clientSecret' | 'appUrl' | 'secret'>
>;

/**
 * `production`: every variable required. `development`: the app's defaults fill the gaps.
 * `build` (`next build`, which loads routes without the deployment's secrets): the gaps get
 * inert placeholders, and the values are checked when the server starts.
 */
type AuthEnvMode = 'production' | 'development' | 'build';

const VARIABLES = {
  AUTH_LOGTO_ISSUER: 'issuer',
  AUTH_LOGTO_ID: 'clientId',
  AUTH_LOGTO_SECRET: 'clientSecret',
  NEXTAUTH_URL: 'appUrl',
  NEXTAUTH_SECRET: 'secret',
} as const;
type Variable = keyof typeof VARIABLES;

/** Values that let `next build` load the routes; no request is ever made with them. */
const BUILD_PLACEHOLDERS: Record<Variable, string> = {
  AUTH_LOGTO_ISSUER: 'https://logto.invalid/oidc',
  AUTH_LOGTO_ID: 'build',
  AUTH_LOGTO_SECRET: 'build',
  NEXTAUTH_URL: 'http://localhost:3000',
  NEXTAUTH_SECRET: 'build-time-placeholder-never-used-to-encrypt-anything',
};

/** Raised when configuration is missing or malformed; its message names the variable. */
export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

const httpUrl = (variable: string, example: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol),
      {
        error: (issue) =>
          `${variable} must be a URL like ${example} (got ${JSON.stringify(issue.input)}). See .env.local.example.`,
      },
    );

const schema = z.object({
  AUTH_LOGTO_ISSUER: httpUrl('AUTH_LOGTO_ISSUER', 'https://your-tenant.logto.app/oidc'),
  // Blank values never get here (readAuthEnv defaults or refuses them), so a trim is all it takes.
  AUTH_LOGTO_ID: z.string().trim(),
  AUTH_LOGTO_SECRET: z.string().trim(),
  NEXTAUTH_URL: httpUrl('NEXTAUTH_URL', 'https://bookstore.example.com'),
  NEXTAUTH_SECRET: z.string().min(32, {
    message:
      'NEXTAUTH_SECRET must be at least 32 characters. Generate one with `openssl rand -base64 32`. See .env.local.example.',
  }),
  AUTH_LOGTO_ID_TOKEN_ALG: z
    .enum(ID_TOKEN_ALGS, {
      error: (issue) =>
        `AUTH_LOGTO_ID_TOKEN_ALG must be one of the algorithms Logto signs ID tokens with: ${ID_TOKEN_ALGS.join(', ')} (got ${JSON.stringify(issue.input)}). ES384 is Logto's default; RS256 after switching the tenant's signing keys to RSA. See .env.local.example.`,
    })
    .default(DEFAULT_ID_TOKEN_ALG),
});

type Source = Record<string, string | undefined>;

interface ReadAuthEnvResult {
  env: AuthEnv;
  /** Human-readable notes (defaults used, values trimmed); printed once by `getAuthEnv`. */
  warnings: string[];
}

/**
 * Validates configuration from `source`. In development, missing values come from
 * `devDefaults`; in production every value is required.
 * @throws AuthConfigError naming the first variable that is missing or malformed.
 */
export function readAuthEnv(
  source: Source,
  mode: AuthEnvMode,
  devDefaults: AuthDevDefaults = {},
): ReadAuthEnvResult {
  const warnings: string[] = [];
  const raw: Record<Variable, string | undefined> = {
    AUTH_LOGTO_ISSUER: blankToUndefined(source.AUTH_LOGTO_ISSUER),
    AUTH_LOGTO_ID: blankToUndefined(source.AUTH_LOGTO_ID),
    AUTH_LOGTO_SECRET: blankToUndefined(source.AUTH_LOGTO_SECRET),
    NEXTAUTH_URL: blankToUndefined(source.NEXTAUTH_URL),
    NEXTAUTH_SECRET:
      blankToUndefined(source.NEXTAUTH_SECRET) ?? blankToUndefined(source.AUTH_SECRET),
  };

  const defaulted: string[] = [];
  for (const key of Object.keys(raw) as Variable[]) {
    if (raw[key] !== undefined) continue;
    const fallback = mode === 'production' ? undefined : devDefaults[VARIABLES[key]];
    if (fallback === undefined && mode !== 'build') {
      const alias = key === 'NEXTAUTH_SECRET' ? ' (or AUTH_SECRET)' : '';
      const where = mode === 'production' ? 'It is required in production' : 'It is required';
      throw new AuthConfigError(`${key}${alias} is not set. ${where}. See .env.local.example.`);
    }
    raw[key] = fallback ?? BUILD_PLACEHOLDERS[key];
    defaulted.push(key);
  }
  if (defaulted.length > 0 && mode === 'development') {
    warnings.push(
      `[auth] Using the development defaults for ${defaulted.join(', ')}. Set them in .env.local to use your Logto.`,
    );
  }

  const parsed = schema.safeParse({
    ...raw,
    AUTH_LOGTO_ID_TOKEN_ALG: blankToUndefined(source.AUTH_LOGTO_ID_TOKEN_ALG)?.trim(),
  });
  if (!parsed.success) {
    // A failed parse has at least one issue: https://zod.dev/basics#handling-errors
    const { message } = parsed.error.issues[0]!;
    // The secret may have come from the AUTH_SECRET alias: name the variable the person set.
    const usedAlias = blankToUndefined(source.NEXTAUTH_SECRET) === undefined;
    throw new AuthConfigError(
      usedAlias ? message.replace(/^NEXTAUTH_SECRET/, 'AUTH_SECRET') : message,
    );
  }

  let issuer = parsed.data.AUTH_LOGTO_ISSUER;
  const trimmedIssuer = logtoIssuerOf(issuer);
  if (trimmedIssuer !== issuer) {
    warnings.push(
      `[auth] AUTH_LOGTO_ISSUER should be the issuer itself; using ${trimmedIssuer} instead of ${issuer}.`,
    );
    issuer = trimmedIssuer;
  }

  const previousSecrets = readPreviousSecrets(source.NEXTAUTH_PREVIOUS_SECRETS);
  return {
    env: {
      ...(previousSecrets.length > 0 ? { previousSecrets } : {}),
      issuer,
      clientId: parsed.data.AUTH_LOGTO_ID,
      clientSecret: parsed.data.AUTH_LOGTO_SECRET,
      appUrl: parsed.data.NEXTAUTH_URL.replace(/\/+$/, ''),
      secret: parsed.data.NEXTAUTH_SECRET,
      idTokenAlg: parsed.data.AUTH_LOGTO_ID_TOKEN_ALG,
    },
    warnings,
  };
}

/**
 * NEXTAUTH_PREVIOUS_SECRETS: the secrets used before the current one, comma-separated, so that
 * rotating NEXTAUTH_SECRET signs nobody out (see README, "Rotating the session secret").
 */
function readPreviousSecrets(value: string | undefined): string[] {
  const secrets = (value ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  const short = secrets.findIndex((secret) => secret.length < 32);
  if (short !== -1) {
    throw new AuthConfigError(
      `NEXTAUTH_PREVIOUS_SECRETS must list secrets of at least 32 characters, comma-separated (secret ${short + 1} is shorter). See .env.local.example.`,
    );
  }
  return secrets;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * `next build` runs with NODE_ENV=production but without the deployment's secrets; the values
 * are checked when the server starts instead.
 * @see https://nextjs.org/docs/pages/api-reference/config/next-config-js#phases
 */
function currentMode(): AuthEnvMode {
  if (process.env.NEXT_PHASE === 'phase-production-build') return 'build';
  return process.env.NODE_ENV === 'production' ? 'production' : 'development';
}

// Next bundles each route separately, so this module can be loaded more than once per process;
// a flag on globalThis keeps the warnings to one print per process.
// Stryker disable next-line StringLiteral: any key every copy of the module shares works; the text only names it.
const WARNED = Symbol.for('lib.auth.env.warned');
type WarnedFlag = { [WARNED]?: boolean };

/** The validated configuration of this process; warnings are printed once per process. */
export function getAuthEnv(devDefaults?: AuthDevDefaults): AuthEnv {
  const { env, warnings } = readAuthEnv(process.env, currentMode(), devDefaults);
  const flag = globalThis as WarnedFlag;
  if (!flag[WARNED]) {
    warnings.forEach((warning) => console.warn(warning));
    flag[WARNED] = true;
  }
  return env;
}
