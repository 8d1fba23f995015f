import path from 'node:path';
import {
  type Env,
  loadLogtoConfig,
  type LogtoConfig,
  SIGN_IN_HOST_VARIABLE,
} from '../logto-config';
import { readAccountCenterSettings, type AccountCenterSettings } from './account/settings';
import { readSignInRules, type SignInRules } from './sign-in/rules';
import { readSmsSettings, type SmsSettings } from './sms/tenant-settings';
import { readEmailSettings, type EmailSettings } from './email/settings';
import type { CountryCode } from 'libphonenumber-js';
import { PhoneCountriesError, readPhoneCountries } from '../lib/phone-countries';
import { LOCAL_TENANT } from '../logto-config/local-tenant';

/** Env variable naming the tenant description logto-local reads at start. */
export const CONFIG_FILE_VARIABLE = 'LOGTO_LOCAL_CONFIG';

/**
 * Everything logto-local can be told, read in one place: the tenant (client URIs, SMS templates,
 * sign-in rules) from `logto.config.json`, the rest from `LOGTO_LOCAL_*` variables. Each field
 * names where it comes from.
 * @see ../logto.config.json for the tenant description, shared with `npm run logto:setup`.
 * @see ../README.md#logto-local-and-logto for the defaults, which are Logto's.
 */
export interface LocalConfig {
  /** Absolute path of the `logto.config.json` read (LOGTO_LOCAL_CONFIG, default `./logto.config.json`). */
  configFile: string;
  /** LOGTO_LOCAL_PORT; 0 picks a free port. */
  port: number;
  /** LOGTO_LOCAL_ISSUER; when unset the issuer is `http://localhost:PORT/oidc`, built after listening. */
  issuerOverride: string | undefined;
  /** LOGTO_LOCAL_DATA_DIR, default `.logto-local/`. */
  dataDir: string;
  /**
   * LOGTO_LOCAL_APP_URL, default `http://localhost:3000`: origin of the seeded Bookstore app. It is
   * also `${APP_URL}` in logto.config.json when APP_URL itself is unset, so both always agree.
   */
  appUrl: string;
  /**
   * The seeded client. Its id and secret are logto-local's own (what `.env.local.example` uses);
   * its name and URIs come from `application` in logto.config.json.
   */
  client: {
    id: string;
    secret: string;
    name: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
  };
  /** LOGTO_LOCAL_SIGNING_ALG, default ES384: what ID tokens are signed with. */
  signingAlg: SigningAlg;
  /** Templates and Vonage connector, from `smsConnector` (credentials from the env it names). */
  sms: SmsSettings;
  /** What `signInExperience` asks for, within what logto-local can do. */
  signIn: SignInRules;
  /** Templates and SMTP settings from `emailConnector`; undefined when the file has none. */
  email: EmailSettings | undefined;
  /** PHONE_COUNTRIES (lib/phone-countries.ts): the only countries accepted; undefined → all. */
  phoneCountries: readonly CountryCode[] | undefined;
  /** What `accountCenter` allows: whether /account/phone changes numbers. */
  accountCenter: AccountCenterSettings;
  /**
   * LOGTO_LOCAL_REFRESH_ROTATION: `logto` (default) rotates a refresh token once 70% of its
   * lifetime has passed, as Logto does for a Traditional Web app; `every-use` rotates it on every
   * refresh, for tests of concurrent refreshes.
   */
  refreshRotation: 'logto' | 'every-use';
  ttl: {
    /** LOGTO_LOCAL_ID_TOKEN_TTL (seconds), default 1 h. */
    idToken: number;
    /** LOGTO_LOCAL_ACCESS_TOKEN_TTL (seconds), default 1 h. */
    accessToken: number;
    /** LOGTO_LOCAL_REFRESH_TOKEN_TTL (seconds), default 14 days. */
    refreshToken: number;
    /** Logto's 180 days: how long a grant can be refreshed, however often its token rotates. */
    grant: number;
    /** LOGTO_LOCAL_REFRESH_REUSE_GRACE (seconds), default 3: how long a rotated refresh token still works. */
    refreshReuseGrace: number;
    /** LOGTO_LOCAL_CODE_TTL (seconds), default 10 min. */
    verificationCode: number;
    /** LOGTO_LOCAL_SESSION_TTL (seconds), default 14 days: the provider's own sign-in session. */
    session: number;
    /**
     * LOGTO_LOCAL_INTERACTION_TTL (seconds), default 15 min: how long a sign-in not yet finished,
     * and a session nobody signed in to, are kept (Logto: 1 h). Anyone can start one.
     */
    interaction: number;
  };
  codes: {
    /** Wrong tries after which a code is dead (Logto: 10). */
    maxAttempts: number;
    /** LOGTO_LOCAL_SEND_LIMIT, default 10 sends per number per window. */
    maxSendsPerWindow: number;
    /** LOGTO_LOCAL_SEND_WINDOW (seconds), default 10 min. */
    sendWindow: number;
    /** LOGTO_LOCAL_RESEND_COOLDOWN (seconds), default 59 (Logto's countdown). */
    resendCooldown: number;
  };
  /** Bounds on guessing and sending, read in ./send-limits.ts and ./identifier-lockout.ts. */
  limits: SendLimits;
  /** LOGTO_LOCAL_PURGE_INTERVAL (seconds), default 60: how often expired and abandoned rows go. */
  purgeInterval: number;
  /** LOGTO_LOCAL_TEST_PHONES="+15555550100=424242,…": numbers that accept a fixed code and get no SMS. */
  testPhones: ReadonlyMap<string, string>;
}

/** Limits against guessing codes and against SMS pumping; every one is a LOGTO_LOCAL_* knob. */
export interface SendLimits {
  /** LOGTO_LOCAL_LOCKOUT_FAILURES, default 100: wrong codes per number per hour before a lockout (Logto's). */
  lockoutFailures: number;
  /** LOGTO_LOCAL_LOCKOUT_DURATION (seconds), default 60 min: how long a locked number stays locked. */
  lockoutDuration: number;
  /** LOGTO_LOCAL_NUMBERS_PER_SIGN_IN, default 3: distinct numbers one sign-in may send codes to. */
  numbersPerSignIn: number;
  /** LOGTO_LOCAL_IP_SEND_LIMIT, default 30: codes one client IP may ask for per send window. */
  sendsPerIp: number;
  /**
   * LOGTO_LOCAL_IP_FAILURE_LIMIT, default half of lockoutFailures (50): wrong codes one client IP
   * may enter per hour, across all numbers, so that no single client can lock a number out.
   */
  failuresPerIp: number;
  /** LOGTO_LOCAL_HOURLY_SMS_LIMIT, default 100: text messages per hour from the whole provider. */
  smsPerHour: number;
}

/** Raised when a LOGTO_LOCAL_* variable is malformed; the message names the variable and the fix. */
export class LocalConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalConfigError';
  }
}

/** Env variable choosing the algorithm logto-local signs ID tokens with. */
export const SIGNING_ALG_VARIABLE = 'LOGTO_LOCAL_SIGNING_ALG';

/**
 * What logto-local can sign with: ES384 (EC P-384), what new Logto tenants use, and RS256, what a
 * tenant signs with once its signing keys are switched to RSA in the Console.
 * @see https://docs.logto.io/developers/signing-keys
 */
export const SIGNING_ALGS = ['ES384', 'RS256'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** Reads LOGTO_LOCAL_SIGNING_ALG (default ES384); anything else is refused, naming the choices. */
export function readSigningAlg(env: Record<string, string | undefined>): SigningAlg {
  const value = env[SIGNING_ALG_VARIABLE]?.trim() || 'ES384';
  if ((SIGNING_ALGS as readonly string[]).includes(value)) return value as SigningAlg;
  throw new LocalConfigError(
    `${SIGNING_ALG_VARIABLE} must be ${SIGNING_ALGS.join(' or ')} (got "${value}"); RS256 signs as a Logto tenant whose keys were switched to RSA`,
  );
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Reads and validates logto-local's configuration from an environment (process.env in main.ts) and
 * the logto.config.json it names. Throws LocalConfigError for a bad variable, and LogtoConfigError
 * (file, JSON pointer, what is expected) for a bad file or one asking for what logto-local cannot do.
 */
export function loadLocalConfig(env: Env): LocalConfig {
  const appUrl = readOrigin(env, 'LOGTO_LOCAL_APP_URL', LOCAL_TENANT.appUrl);
  const tenant = loadTenant(env, appUrl);
  return {
    configFile: tenant.file,
    port: readInteger(env, 'LOGTO_LOCAL_PORT', LOCAL_TENANT.port, { min: 0, max: 65535 }),
    issuerOverride: readIssuer(env),
    dataDir: path.resolve(env.LOGTO_LOCAL_DATA_DIR?.trim() || '.logto-local'),
    appUrl,
    client: {
      id: LOCAL_TENANT.clientId,
      secret: LOCAL_TENANT.clientSecret,
      name: tenant.application.name,
      redirectUris: tenant.application.redirectUris,
      postLogoutRedirectUris: tenant.application.postLogoutRedirectUris,
    },
    signingAlg: readSigningAlg(env),
    sms: readSmsSettings(tenant, env),
    signIn: readSignInRules(tenant),
    email: readEmailSettings(tenant),
    phoneCountries: readCountries(env),
    accountCenter: readAccountCenterSettings(tenant),
    refreshRotation: readRefreshRotation(env.LOGTO_LOCAL_REFRESH_ROTATION),
    ttl: {
      idToken: readInteger(env, 'LOGTO_LOCAL_ID_TOKEN_TTL', HOUR, { min: 1 }),
      accessToken: readInteger(env, 'LOGTO_LOCAL_ACCESS_TOKEN_TTL', HOUR, { min: 1 }),
      refreshToken: readInteger(env, 'LOGTO_LOCAL_REFRESH_TOKEN_TTL', 14 * DAY, { min: 1 }),
      grant: 180 * DAY,
      refreshReuseGrace: readInteger(env, 'LOGTO_LOCAL_REFRESH_REUSE_GRACE', 3, { min: 0 }),
      verificationCode: readInteger(env, 'LOGTO_LOCAL_CODE_TTL', 600, { min: 1 }),
      session: readInteger(env, 'LOGTO_LOCAL_SESSION_TTL', 14 * DAY, { min: 1 }),
      interaction: readInteger(env, 'LOGTO_LOCAL_INTERACTION_TTL', 15 * 60, { min: 60 }),
    },
    codes: {
      maxAttempts: 10,
      maxSendsPerWindow: readInteger(env, 'LOGTO_LOCAL_SEND_LIMIT', 10, { min: 1 }),
      sendWindow: readInteger(env, 'LOGTO_LOCAL_SEND_WINDOW', 600, { min: 1 }),
      resendCooldown: readInteger(env, 'LOGTO_LOCAL_RESEND_COOLDOWN', 59, { min: 0 }),
    },
    limits: readSendLimits(env),
    purgeInterval: readInteger(env, 'LOGTO_LOCAL_PURGE_INTERVAL', 60, { min: 1 }),
    testPhones: readTestPhones(env.LOGTO_LOCAL_TEST_PHONES),
  };
}

/** logto.config.json with `${APP_URL}` following LOGTO_LOCAL_APP_URL unless APP_URL is set. */
function loadTenant(env: Env, appUrl: string): LogtoConfig {
  return loadLogtoConfig({
    path: env[CONFIG_FILE_VARIABLE]?.trim() || undefined,
    env: {
      ...env,
      APP_URL: env.APP_URL?.trim() || appUrl,
      // The WebOTP line of each SMS names the host of the page the code is typed on: ours.
      [SIGN_IN_HOST_VARIABLE]: new URL(readIssuer(env) ?? 'http://localhost/oidc').hostname,
    },
  });
}

function readCountries(env: Env): readonly CountryCode[] | undefined {
  try {
    return readPhoneCountries(env);
  } catch (error) {
    if (error instanceof PhoneCountriesError) throw new LocalConfigError(error.message);
    throw error;
  }
}

function readSendLimits(env: Env): SendLimits {
  const lockoutFailures = readInteger(env, 'LOGTO_LOCAL_LOCKOUT_FAILURES', 100, { min: 1 });
  return {
    lockoutFailures,
    lockoutDuration: readInteger(env, 'LOGTO_LOCAL_LOCKOUT_DURATION', HOUR, { min: 1 }),
    numbersPerSignIn: readInteger(env, 'LOGTO_LOCAL_NUMBERS_PER_SIGN_IN', 3, { min: 1 }),
    sendsPerIp: readInteger(env, 'LOGTO_LOCAL_IP_SEND_LIMIT', 30, { min: 1 }),
    // Below the lockout's count, so one client alone cannot lock a number (./client-guess-limit.ts).
    failuresPerIp: readInteger(
      env,
      'LOGTO_LOCAL_IP_FAILURE_LIMIT',
      Math.ceil(lockoutFailures / 2),
      { min: 1 },
    ),
    smsPerHour: readInteger(env, 'LOGTO_LOCAL_HOURLY_SMS_LIMIT', 100, { min: 1 }),
  };
}

function readInteger(
  env: Env,
  name: string,
  fallback: number,
  { min, max = Number.MAX_SAFE_INTEGER }: { min: number; max?: number },
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new LocalConfigError(
      `${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(raw)}).`,
    );
  }
  return value;
}

function readOrigin(env: Env, name: string, fallback: string) {
  const raw = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LocalConfigError(
      `${name} must be a URL like ${fallback} (got ${JSON.stringify(raw)}).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LocalConfigError(
      `${name} must start with http:// or https:// (got ${JSON.stringify(raw)}).`,
    );
  }
  return url.origin;
}

function readIssuer(env: Env): string | undefined {
  const raw = env.LOGTO_LOCAL_ISSUER?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (!url.pathname.endsWith('/oidc')) throw new Error('path');
    return url.href.replace(/\/$/, '');
  } catch {
    throw new LocalConfigError(
      `LOGTO_LOCAL_ISSUER must be a URL ending in /oidc, like http://localhost:3001/oidc (got ${JSON.stringify(raw)}).`,
    );
  }
}

function readRefreshRotation(raw: string | undefined): LocalConfig['refreshRotation'] {
  const value = raw?.trim() || 'logto';
  if (value === 'logto' || value === 'every-use') return value;
  throw new LocalConfigError(
    `LOGTO_LOCAL_REFRESH_ROTATION must be "logto" (rotate after 70% of the lifetime, as Logto does) or "every-use" (got ${JSON.stringify(raw)}).`,
  );
}

function readTestPhones(raw: string | undefined): ReadonlyMap<string, string> {
  const phones = new Map<string, string>();
  if (!raw?.trim()) return phones;
  for (const entry of raw.split(',')) {
    const match = /^\s*(\+\d{7,15})\s*=\s*(\d{6})\s*$/.exec(entry);
    if (!match) {
      throw new LocalConfigError(
        `LOGTO_LOCAL_TEST_PHONES must be a comma-separated list like "+15555550100=424242" (E.164 number = 6-digit code); ${JSON.stringify(entry.trim())} is not.`,
      );
    }
    phones.set(match[1]!, match[2]!);
  }
  return phones;
}
