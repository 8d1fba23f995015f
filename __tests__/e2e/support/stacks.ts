import { startLogtoLocal, type LogtoLocalProcess } from '../../../support/logto-local-process';
import { startApp, type AppProcess } from './app-process';
import { freePort } from '../../../support/free-port';

/** The Bookstore client that logto-local seeds; the app uses it as AUTH_LOGTO_ID/SECRET. */
const CLIENT = { id: 'bookstore-local', secret: 'bookstore-local-secret' };

/** The app's NEXTAUTH_SECRET on every stack: scenarios read and forge session cookies with it. */
export const E2E_NEXTAUTH_SECRET = 'bookstore-e2e-secret-that-is-long-enough-for-jwe';

/** A fixed test number and its fixed code (LOGTO_LOCAL_TEST_PHONES), valid for libphonenumber. */
export const TEST_PHONE = { e164: '+12025550100', national: '202 555 0100', code: '424242' };

/**
 * Seconds a code lives on the `shortCode` stack: short enough to wait out, long enough to type.
 * The second code must survive fill + Verify, which took 4 s on a busy 2-core machine (3 s
 * made the expired-code scenario flaky), so keep a wide margin.
 */
export const SHORT_CODE_TTL_SECONDS = 10;

/** Where one app + logto-local pair lives, as the tests see it (serialisable into env). */
export interface StackUrls {
  /** `http://localhost:PORT`, which is also NEXTAUTH_URL. */
  app: string;
  /** `http://localhost:PORT/oidc`, which is also AUTH_LOGTO_ISSUER. */
  issuer: string;
  /** logto-local's origin, for its dev outbox (`/dev/sms.json`). */
  logto: string;
  /** logto-local's data directory, for scenarios that check what it stored (grants, tokens). */
  logtoDataDir: string;
  /** logto-local's process id, for the scenario that pauses it (a Logto that stops answering). */
  logtoPid: number;
  /** The Vonage stand-in, when this stack sends through it. */
  vonage?: string;
}

/** The stacks the scenarios need; each differs only in logto-local's environment. */
export type StackName = 'default' | 'shortCode' | 'vonage' | 'shortTokens' | 'passwords' | 'outage';

/**
 * The tenant file of the `passwords` stack: phone or email, code or password, reset by code
 * (README: "Every sign-in option of Logto's guide").
 */
export const PASSWORDS_TENANT_FILE = 'logto-config/examples/phone-password-email.json';

/**
 * Seconds an access token lives on the `shortTokens` stack, whose refresh tokens also rotate on
 * every use: a few minutes of browsing cross several refreshes, each one a chance to race.
 */
export const SHORT_ACCESS_TOKEN_TTL_SECONDS = 20;

export interface RunningStack {
  urls: StackUrls;
  stop(): Promise<void>;
}

/**
 * Starts logto-local, then the app, on free ports with every URL consistent: logto-local's
 * redirect URIs point at the app (LOGTO_LOCAL_APP_URL), the app's issuer is logto-local's, and
 * both use `localhost`, so cookies and redirects stay on one host.
 */
export async function startStack(logtoEnv: Record<string, string>): Promise<RunningStack> {
  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  let logto: LogtoLocalProcess | undefined;
  let app: AppProcess | undefined;
  try {
    logto = await startLogtoLocal({ LOGTO_LOCAL_APP_URL: appUrl, ...logtoEnv });
    app = await startApp(appPort, {
      AUTH_LOGTO_ISSUER: logto.issuer,
      AUTH_LOGTO_ID: CLIENT.id,
      AUTH_LOGTO_SECRET: CLIENT.secret,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
    });
  } catch (error) {
    await logto?.stop();
    throw error;
  }
  const started = { logto, app };
  return {
    urls: {
      app: appUrl,
      issuer: logto.issuer,
      logto: logto.origin,
      logtoDataDir: logto.dataDir,
      logtoPid: logto.pid,
    },
    async stop() {
      await Promise.all([started.app.stop(), started.logto.stop()]);
    },
  };
}
