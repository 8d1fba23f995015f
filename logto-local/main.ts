import { LogtoConfigError } from '../scripts/logto-config';
import { loadLocalConfig, LocalConfigError } from './config';
import { listenOnLoopback } from './listen';
import { createProvider } from './provider';
import { createApp } from './server';
import { createSignInRouter } from './sign-in/routes';
import {
  createSmsSenderFromConfig,
  Outbox,
  SmsConfigError,
  VONAGE_REST_HOST_VARIABLE,
} from './sms';
import { loadOrCreateSigningKey } from './signing-key';
import { openDatabase } from './store/database';
import { createSignInProgressStore } from './store/sign-in-progress';
import { createUserStore } from './store/users';
import { createVerificationCodes } from './verification-codes';

/**
 * logto-local: a Logto-compatible OpenID provider for development and CI. Prints one
 * machine-readable line when ready: `logto-local ready at http://localhost:PORT/oidc`.
 */
async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.error(
      'logto-local refuses to start with NODE_ENV=production: it is a development and CI stand-in for Logto. ' +
        'Point AUTH_LOGTO_ISSUER at your Logto tenant instead.',
    );
    process.exit(1);
  }

  const config = loadLocalConfig(process.env);
  const outbox = new Outbox();
  const sms = createSmsSenderFromConfig({
    vonage: config.sms.vonage,
    templates: config.sms.templates,
    restHost: process.env[VONAGE_REST_HOST_VARIABLE]?.trim() || undefined,
    outbox,
  });
  const db = openDatabase(config.dataDir);
  const signingKey = await loadOrCreateSigningKey(db);
  const users = createUserStore(db);

  const listener = await listenOnLoopback(config.port);
  const issuer = config.issuerOverride ?? `http://localhost:${listener.port}/oidc`;
  const provider = createProvider({ issuer, config, db, users, signingKey });
  const signInRouter = createSignInRouter({
    provider,
    config,
    users,
    codes: createVerificationCodes(db, config),
    progress: createSignInProgressStore(db),
    sms,
    webOtpHost: new URL(issuer).host,
  });
  const app = createApp({ provider, signInRouter, outbox });
  listener.setHandler(app.callback());

  const stop = async () => {
    await listener.close();
    db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  console.log(
    `logto-local: tenant from ${config.configFile}; SMS via ${sms.via}; data in ${config.dataDir}; app ${config.appUrl}`,
  );
  if (config.signIn.ignored.length > 0) {
    console.log(
      `logto-local: phone sign-in only; ignoring ${config.signIn.ignored.join(', ')} from ${config.configFile}`,
    );
  }
  if (!config.signIn.phoneSignUp) {
    console.log('logto-local: sign-up by phone is off; unknown numbers are not offered an account');
  }
  console.log(`logto-local ready at ${issuer}`);
}

main().catch((error: unknown) => {
  if (
    error instanceof LocalConfigError ||
    error instanceof SmsConfigError ||
    error instanceof LogtoConfigError
  ) {
    console.error(`logto-local: ${error.message}`);
  } else {
    console.error(`logto-local failed to start: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
