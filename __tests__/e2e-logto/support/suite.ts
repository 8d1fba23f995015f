import type { M2mApp } from '../../../scripts/logto-oss/provision';

/** The env variable through which global setup hands the suite's facts to the test workers. */
export const SUITE_VARIABLE = 'BOOKSTORE_LOGTO_SUITE';

/** What the scenarios need to know about the running Logto and app (serialisable into env). */
export interface LogtoSuite {
  /** The app's URL, also NEXTAUTH_URL and APP_URL for logto.config.json. */
  app: string;
  /** Logto's endpoint (origin); the issuer is `${logto}/oidc`. */
  logto: string;
  m2m: M2mApp;
  /** The mock SMS connector's file. */
  smsRecord: string;
  /** The env file the first `logto:setup` wrote (AUTH_LOGTO_ID, AUTH_LOGTO_SECRET). */
  envFile: string;
}

export function logtoSuite(): LogtoSuite {
  const raw = process.env[SUITE_VARIABLE];
  if (!raw) {
    throw new Error(
      `${SUITE_VARIABLE} is not set: run the suite with \`npm run test:logto\`, whose global setup starts Logto and the app.`,
    );
  }
  return JSON.parse(raw) as LogtoSuite;
}
