/**
 * logto-local: the full phone sign-in (authorize → send → verify → token), one at a time and 50 at
 * once, and what a `kill -9` in the middle of a burst loses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { signInsThroughAKill, type CrashOutcome } from '../support/logto-local-crash';
import { startLogtoLocal } from '../support/logto-local-process';
import { bookstoreClient, signInWithPhone } from '../support/relying-party';

/** Distinct Japanese mobile numbers, so no number reaches the per-number send limit. */
const phone = (index: number) => `+8190${String(10_000_000 + index).slice(-8)}`;

export async function measureLogtoLocal(sequential: number, concurrent: number) {
  // Every sign-in comes from 127.0.0.1: lift the per-IP send cap, which is not what is measured.
  const logto = await startLogtoLocal({ LOGTO_LOCAL_IP_SEND_LIMIT: '1000' });
  try {
    const client = await bookstoreClient(logto);
    await signInWithPhone(logto, client, phone(0));
    const sequentialMs: number[] = [];
    for (let index = 1; index <= sequential; index += 1) {
      const started = performance.now();
      await signInWithPhone(logto, client, phone(index));
      sequentialMs.push(performance.now() - started);
    }
    const burstStarted = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: concurrent }, (_, index) =>
        signInWithPhone(logto, client, phone(1000 + index)),
      ),
    );
    const concurrentMs = performance.now() - burstStarted;
    const errors = outcomes.filter((outcome) => outcome.status === 'rejected');
    return {
      sequentialMs,
      concurrent,
      /** Wall time of the whole burst: the concurrent throughput is `concurrent / concurrentMs`. */
      concurrentMs,
      errors: errors.length,
      firstError: errors[0]
        ? String((errors[0] as PromiseRejectedResult).reason).slice(0, 300)
        : '',
    };
  } finally {
    await logto.stop();
  }
}

/** `total` first sign-ins at once, SIGKILL once half have their tokens: what was lost. */
export async function measureKillNine(total: number): Promise<CrashOutcome> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-logto-local-kill-'));
  try {
    return await signInsThroughAKill({ dataDir, total, killAfter: Math.ceil(total / 2) });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
