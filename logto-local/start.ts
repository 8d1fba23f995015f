import type { LocalConfig } from './config';
import { allowedHosts } from './host-allowlist';
import { createIdentifierLockout } from './identifier-lockout';
import { listenOnLoopback } from './listen';
import { createProvider } from './provider';
import { createApp } from './server';
import { createSignInRouter } from './sign-in/routes';
import { createCodeSender } from './sign-in/send-code';
import { createSendLimits } from './send-limits';
import { Outbox, OutboxSender, type SmsSender, VonageSender } from './sms';
import { cookieSecret, loadOrCreateSigningKeys, rotateSigningKeys } from './signing-key';
import { openDatabase } from './store/database';
import { createPurge } from './store/purge';
import { createSignInProgressStore } from './store/sign-in-progress';
import { createUserStore } from './store/users';
import { createVerificationCodes } from './verification-codes';

/**
 * Wires logto-local from a validated configuration and starts listening. Kept apart from main.ts,
 * which imports it only once the configuration is known to be good: a refused start then costs no
 * load of oidc-provider, Koa or the Vonage SDK.
 */
export async function serveLogtoLocal(config: LocalConfig): Promise<void> {
  const outbox = new Outbox();
  const sms = createSmsSender(config, outbox);
  const db = openDatabase(config.dataDir);
  let signingKeys = await loadOrCreateSigningKeys(db, config.signingAlg);
  const cookieKey = cookieSecret(db);
  const users = createUserStore(db);

  const listener = await listenOnLoopback(config.port);
  const issuer = config.issuerOverride ?? `http://localhost:${listener.port}/oidc`;
  const lockout = createIdentifierLockout(db, config.limits);
  const codes = createVerificationCodes(db, config, lockout);
  const progress = createSignInProgressStore(db);
  // Refusals by the hourly cap and failed sends are warnings: stderr, like other failures.
  const warn = (line: string) => console.error(line);
  // Built once, outside the app a key rotation rebuilds, so limits keep counting across it.
  const sendCode = createCodeSender({
    codes,
    limits: createSendLimits(db, config, warn),
    lockout,
    sms,
    mayDeliverTo: (phone) => !config.signIn.registrationDisabled || !!users.findByPhone(phone),
    log: warn,
  });
  const hosts = allowedHosts(listener.port, issuer);
  // oidc-provider fixes its keys when it is built, so a rotation builds the app anew on the same
  // database (sessions, grants and sign-ins in progress live there) and swaps it in.
  const buildApp = () => {
    const provider = createProvider({ issuer, config, db, users, signingKeys, cookieKey });
    const signInRouter = createSignInRouter({
      provider,
      config,
      users,
      codes,
      progress,
      sendCode,
      smsVia: sms.via,
    });
    return createApp({ provider, signInRouter, outbox, hosts, rotateSigningKeys: rotate });
  };
  const rotate = async () => {
    signingKeys = await rotateSigningKeys(db, config.signingAlg);
    listener.setHandler(buildApp().callback());
    const kids = signingKeys.map((key) => String(key.kid));
    console.log(
      `logto-local: rotated signing keys; signing with ${kids[0]}, also publishing ${kids.slice(1).join(', ') || 'nothing else'}`,
    );
    return kids;
  };
  listener.setHandler(buildApp().callback());
  const stopPurge = createPurge(db, { sendWindowSeconds: config.codes.sendWindow }).start(
    config.purgeInterval,
  );

  const stop = async () => {
    stopPurge();
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

/** Vonage when logto.config.json's credentials are set, else the dev outbox; both send its texts. */
function createSmsSender(config: LocalConfig, outbox: Outbox): SmsSender {
  const { templates, vonage, restHost } = config.sms;
  const log = (line: string) => console.log(line);
  return vonage
    ? new VonageSender({ credentials: vonage, templates, restHost, log })
    : new OutboxSender(outbox, templates, log);
}
