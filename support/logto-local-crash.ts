import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import type { TokenSet } from 'openid-client';
import { startLogtoLocal } from './logto-local-process';
import { bookstoreClient, signInWithPhone } from './relying-party';

/** What survived a `kill -9` in the middle of a burst of first sign-ins. */
export interface CrashOutcome {
  /** Sign-ins whose tokens reached the client before the kill: each one created an account. */
  acknowledged: number;
  /** Of those, accounts missing from the database after the kill. */
  usersLost: number;
  /** Of those, refresh tokens the restarted logto-local refused. */
  refreshesLost: number;
}

/** Distinct Japanese mobile numbers, so every sign-in registers a new account. */
const phone = (index: number) => `+8170${String(20_000_000 + index).slice(-8)}`;

/**
 * Starts `total` first sign-ins at once against a logto-local on `dataDir`, kills it with SIGKILL
 * as soon as `killAfter` of them have their tokens, then checks each acknowledged account in the
 * database and refreshes its token on a restarted logto-local on the same data.
 */
export async function signInsThroughAKill(options: {
  dataDir: string;
  total: number;
  killAfter: number;
}): Promise<CrashOutcome> {
  const env = { LOGTO_LOCAL_DATA_DIR: options.dataDir, LOGTO_LOCAL_IP_SEND_LIMIT: '100000' };
  const logto = await startLogtoLocal(env);
  const client = await bookstoreClient(logto);
  const acknowledged: { phone: string; tokens: TokenSet }[] = [];
  let killed: Promise<void> | undefined;
  await Promise.allSettled(
    Array.from({ length: options.total }, async (_, index) => {
      const { tokens } = await signInWithPhone(logto, client, phone(index));
      acknowledged.push({ phone: phone(index), tokens });
      if (acknowledged.length >= options.killAfter) killed ??= logto.crash();
    }),
  );
  await (killed ?? logto.crash());

  const db = new DatabaseSync(path.join(options.dataDir, 'logto-local.sqlite'));
  const findUser = db.prepare('SELECT id FROM users WHERE phone = ?');
  const usersLost = acknowledged.filter(
    ({ phone: number, tokens }) =>
      (findUser.get(number) as { id: string } | undefined)?.id !== tokens.claims().sub,
  ).length;
  db.close();

  const restarted = await startLogtoLocal(env);
  try {
    const again = await bookstoreClient(restarted);
    const refreshes = await Promise.allSettled(
      acknowledged.map(({ tokens }) => again.refresh(tokens.refresh_token!)),
    );
    const refreshesLost = refreshes.filter((outcome) => outcome.status === 'rejected').length;
    return { acknowledged: acknowledged.length, usersLost, refreshesLost };
  } finally {
    await restarted.stop();
  }
}
