import { readFileSync } from 'node:fs';
import path from 'node:path';

import { LogtoConfigError, toJsonPointer } from './errors';
import { type Env, InterpolationError, interpolateEnv } from './interpolate';
import { type TenantConfigFile, tenantConfigSchema } from './tenant-schema';

/**
 * The variable logto.config.json's SMS templates use for the WebOTP line `@host #code`: the host of
 * the page where the code is typed (Logto's sign-in page). `npm run logto:setup` sets it from
 * LOGTO_ENDPOINT unless it is set; logto-local sets it to its own host.
 * @see https://wicg.github.io/web-otp/#origin-bound-one-time-code
 */
export const SIGN_IN_HOST_VARIABLE = 'LOGTO_SIGN_IN_HOST';

/**
 * The tenant description shipped at the repository root: what is read unless a path is given,
 * wherever the program was started from. It is the one home of the SMS texts, among others.
 */
export const SHIPPED_CONFIG_PATH = path.resolve(__dirname, '..', 'logto.config.json');

/** A secret the file names but does not hold: the variable's name, and its value when it is set. */
export interface SecretFromEnv {
  /** Name of the environment variable, e.g. `VONAGE_API_KEY`. Safe to print. */
  env: string;
  /** Its value, or `undefined` when unset or empty. Never print it. */
  value: string | undefined;
}

type FileConnector = TenantConfigFile['smsConnector'];
type FileEmailConnector = NonNullable<TenantConfigFile['emailConnector']>;
type FileCaptchaProvider = NonNullable<TenantConfigFile['captchaProvider']>;

/** The validated, interpolated tenant description that logto-local and `npm run logto:setup` share. */
export interface LogtoConfig {
  /** Absolute path of the file it was read from, for messages. */
  file: string;
  application: TenantConfigFile['application'];
  smsConnector: Omit<FileConnector, 'apiKey' | 'apiSecret'> & {
    apiKey: SecretFromEnv;
    apiSecret: SecretFromEnv;
  };
  /** Logto's SMTP connector, when the file has one; email codes need it. */
  emailConnector?: Omit<FileEmailConnector, 'auth'> & {
    auth: { user: string; pass: SecretFromEnv };
  };
  /** The CAPTCHA provider, when the file has one. */
  captchaProvider?: Omit<FileCaptchaProvider, 'secretKey'> & { secretKey: SecretFromEnv };
  signInExperience: TenantConfigFile['signInExperience'];
  /** The Account API and Account Center settings; absent when the file leaves them alone. */
  accountCenter: TenantConfigFile['accountCenter'];
}

export interface LoadLogtoConfigOptions {
  /** Path of the config file; default the shipped one ({@link SHIPPED_CONFIG_PATH}). */
  path?: string;
  /** Variables for `${NAME}` interpolation and `{ "env": NAME }` secrets (usually `process.env`). */
  env: Env;
}

// Secrets stay references: they are resolved from env, never interpolated into the file's text.
const SECRET_POINTERS = new Set([
  '/smsConnector/apiKey',
  '/smsConnector/apiSecret',
  '/emailConnector/auth/pass',
  '/captchaProvider/secretKey',
]);

/**
 * Reads `logto.config.json`, expands `${NAME}` / `${NAME:-default}` in every string, validates the
 * result and resolves the `{ "env": NAME }` secrets from `env`. Every problem is a
 * {@link LogtoConfigError} naming the file, the JSON pointer and what is expected.
 * @see ../logto.config.json for the format, and ./interpolate.ts for the `${…}` syntax.
 */
export function loadLogtoConfig(options: LoadLogtoConfigOptions): LogtoConfig {
  const file = path.resolve(options.path ?? SHIPPED_CONFIG_PATH);
  const raw = readJson(file);
  const interpolated = interpolateTree(raw, [], file, options.env);
  const parsed = tenantConfigSchema.safeParse(interpolated);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const more =
      rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`;
    throw new LogtoConfigError(file, toJsonPointer(first?.path ?? []), `${first?.message}${more}`);
  }
  const { apiKey, apiSecret, ...connector } = parsed.data.smsConnector;
  const { emailConnector, captchaProvider } = parsed.data;
  return {
    file,
    application: parsed.data.application,
    smsConnector: {
      ...connector,
      apiKey: resolveSecret(apiKey.env, options.env),
      apiSecret: resolveSecret(apiSecret.env, options.env),
    },
    ...(emailConnector && {
      emailConnector: {
        ...emailConnector,
        auth: {
          ...emailConnector.auth,
          pass: resolveSecret(emailConnector.auth.pass.env, options.env),
        },
      },
    }),
    ...(captchaProvider && {
      captchaProvider: {
        ...captchaProvider,
        secretKey: resolveSecret(captchaProvider.secretKey.env, options.env),
      },
    }),
    signInExperience: parsed.data.signInExperience,
    accountCenter: parsed.data.accountCenter,
  };
}

/**
 * The connector `config` Logto's Vonage SMS connector expects, with the secrets filled in.
 * Throws a {@link LogtoConfigError} naming the unset variable, since a connector without
 * credentials cannot send anything.
 * @see https://github.com/logto-io/logto/tree/master/packages/connectors/connector-vonage-sms
 */
export function toVonageConnectorConfig(config: LogtoConfig): {
  apiKey: string;
  apiSecret: string;
  brandName: string;
  templates: Array<{ usageType: string; content: string }>;
} {
  const { apiKey, apiSecret, brandName, templates } = config.smsConnector;
  return {
    apiKey: requireSecret(config.file, '/smsConnector/apiKey', apiKey),
    apiSecret: requireSecret(config.file, '/smsConnector/apiSecret', apiSecret),
    brandName,
    templates: templates.map(({ usageType, content }) => ({ usageType, content })),
  };
}

function requireSecret(file: string, pointer: string, secret: SecretFromEnv): string {
  if (secret.value === undefined) {
    throw new LogtoConfigError(
      file,
      pointer,
      `environment variable ${secret.env} is not set; add it to .env.local (or your deployment's secrets)`,
    );
  }
  return secret.value;
}

function resolveSecret(name: string, env: Env): SecretFromEnv {
  const value = env[name];
  return { env: name, value: value === undefined || value === '' ? undefined : value };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LogtoConfigError(
      file,
      '',
      code === 'ENOENT'
        ? 'file not found; create it (see logto.config.json in the repository) or pass another path'
        : `cannot read the file (${code ?? 'unknown error'})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LogtoConfigError(file, '', `is not valid JSON (${(error as Error).message})`);
  }
}

function interpolateTree(
  value: unknown,
  at: ReadonlyArray<string | number>,
  file: string,
  env: Env,
): unknown {
  const pointer = toJsonPointer(at);
  if (SECRET_POINTERS.has(pointer)) return value;
  if (typeof value === 'string') {
    try {
      return interpolateEnv(value, env);
    } catch (error) {
      if (error instanceof InterpolationError)
        throw new LogtoConfigError(file, pointer, error.message);
      throw error;
    }
  }
  if (Array.isArray(value))
    return value.map((item, index) => interpolateTree(item, [...at, index], file, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      // `$comment` and `$schema` document the file; they are kept as written.
      Object.entries(value).map(([key, item]) => [
        key,
        key.startsWith('$') ? item : interpolateTree(item, [...at, key], file, env),
      ]),
    );
  }
  return value;
}
