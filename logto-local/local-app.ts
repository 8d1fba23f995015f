import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type Koa from 'koa';
import { createAccountRouter } from './account/routes';
import { createPhoneChange } from './account/phone-change';
import { createPhoneChangeFlows } from './account/phone-change-flows';
import { createClientGuessLimit } from './client-guess-limit';
import type { LocalConfig } from './config';
import { createIdentifierLockout } from './identifier-lockout';
import { createProvider } from './provider';
import { createApp } from './server';
import { createSignInRouter } from './sign-in/routes';
import { createCodeSender } from './sign-in/send-code';
import { createSendLimits } from './send-limits';
import { Outbox, OutboxSender, type SmsSender, VonageSender } from './sms';
import { EmailOutboxSender, SmtpSender, type EmailOutboxEntry, type EmailSender } from './email';
import { cookieSecret, loadOrCreateSigningKeys, rotateSigningKeys } from './signing-key';
import { createSignInProgressStore } from './store/sign-in-progress';
import { createUserStore } from './store/users';
import { createVerificationCodes } from './verification-codes';

/** logto-local's HTTP app on an open database, and Logto Console's "Rotate private keys". */
export interface LocalApp {
  /** Answers a request with the app now serving: hand it to the HTTP server once. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The Koa app now serving; a rotation replaces it. */
  current(): Koa;
  /** Rotates the signing keys; returns the published kids, the signing one first. */
  rotateSigningKeys(): Promise<string[]>;
  /** How SMS leave logto-local. */
  smsVia: SmsSender['via'];
  /** How emails leave logto-local; undefined when the tenant has no email connector. */
  emailVia: EmailSender['via'] | undefined;
}

/**
 * Wires logto-local on its database: stores, limits, the SMS sender, oidc-provider, the sign-in
 * pages and the dev routes. oidc-provider fixes its keys when it is built, so a rotation builds
 * the app anew on the same database (sessions, grants and sign-ins in progress live there) and
 * swaps it in; nothing keeps the old one, so it and its keys are freed once its requests end.
 * The database keeps the two keys Logto keeps (./signing-key.ts).
 */
export async function createLocalApp(options: {
  config: LocalConfig;
  db: DatabaseSync;
  issuer: string;
  /** `Host` values answered (./host-allowlist.ts). */
  hosts: ReadonlySet<string>;
}): Promise<LocalApp> {
  const { config, db, issuer, hosts } = options;
  const outbox = new Outbox();
  const sms = createSmsSender(config, outbox);
  const emailOutbox = new Outbox<EmailOutboxEntry>();
  const email = createEmailSender(config, emailOutbox);
  const cookieKey = cookieSecret(db);
  let signingKeys = await loadOrCreateSigningKeys(db, config.signingAlg);
  const users = createUserStore(db);
  const lockout = createIdentifierLockout(db, config.limits);
  const clientGuesses = createClientGuessLimit(db, config.limits);
  const codes = createVerificationCodes(db, config, { lockout, clientGuesses });
  const progress = createSignInProgressStore(db);
  // Refusals by the hourly cap and failed sends are warnings: stderr, like other failures.
  const warn = (line: string) => console.error(line);
  // Built once, outside the app a key rotation rebuilds, so limits keep counting across it.
  const limits = createSendLimits(db, config, warn);
  const sendCode = createCodeSender({
    codes,
    limits,
    lockout,
    sms,
    email,
    mayDeliverTo: (identifier) =>
      !config.signIn.registrationDisabled || !!users.findByIdentifier(identifier),
    log: warn,
  });
  // The Account Center's codes: the same limits and lockout; a new number gets its code whatever
  // the sign-in mode, as on Logto (account/phone-change.ts).
  const flows = createPhoneChangeFlows(db);
  const phoneChange = createPhoneChange({
    flows,
    codes,
    sendCode: createCodeSender({
      codes,
      limits,
      lockout,
      sms,
      mayDeliverTo: () => true,
      log: warn,
    }),
    users,
    log: (line) => console.log(line),
  });

  const build = () => {
    const provider = createProvider({ issuer, config, db, users, signingKeys, cookieKey });
    const signInRouter = createSignInRouter({
      provider,
      config,
      users,
      codes,
      progress,
      guesses: { lockout, clientGuesses },
      sendCode,
      smsVia: sms.via,
      emailVia: email?.via,
    });
    const accountRouter = createAccountRouter({
      provider,
      config,
      settings: config.accountCenter,
      users,
      codes,
      flows,
      phoneChange,
      smsVia: sms.via,
    });
    const app = createApp({
      provider,
      signInRouter,
      accountRouter,
      outbox,
      emailOutbox,
      hosts,
      rotateSigningKeys: rotate,
    });
    return { app, callback: app.callback() };
  };
  const rotate = async () => {
    signingKeys = await rotateSigningKeys(db, config.signingAlg);
    serving = build();
    const kids = signingKeys.map((key) => key.kid);
    console.log(
      `logto-local: rotated signing keys; signing with ${kids[0]}, also publishing ${kids.slice(1).join(', ') || 'nothing else'}`,
    );
    return kids;
  };
  let serving = build();

  return {
    handle: (req, res) => void serving.callback(req, res),
    current: () => serving.app,
    rotateSigningKeys: rotate,
    smsVia: sms.via,
    emailVia: email?.via,
  };
}

/** Vonage when logto.config.json's credentials are set, else the dev outbox; both send its texts. */
function createSmsSender(config: LocalConfig, outbox: Outbox): SmsSender {
  const { templates, vonage, restHost } = config.sms;
  const log = (line: string) => console.log(line);
  return vonage
    ? new VonageSender({ credentials: vonage, templates, restHost, log })
    : new OutboxSender(outbox, templates, log);
}

/** SMTP when the file's SMTP password is set, else the dev email outbox; none without a connector. */
function createEmailSender(
  config: LocalConfig,
  outbox: Outbox<EmailOutboxEntry>,
): EmailSender | undefined {
  if (config.email === undefined) return undefined;
  const log = (line: string) => console.log(line);
  return config.email.smtp
    ? new SmtpSender(config.email.smtp, log)
    : new EmailOutboxSender(outbox, config.email.templates, log);
}
