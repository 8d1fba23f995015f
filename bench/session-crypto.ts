/**
 * The cost of one session read's cryptography, in this process: next-auth's own `decode` (HKDF
 * on every call, then the decryption), ours (the key derived once, so the decryption alone:
 * the floor of any read that checks the cookie), and the encryption that re-issuing a cookie
 * costs. Batches alternate between the three so load moves them together.
 */
import { decode as nextAuthDecode, encode as nextAuthEncode, type JWT } from 'next-auth/jwt';
import { sessionTokenCodec } from '../lib/auth/speed/session-token';
import { percentile } from './stats';

export interface SessionCryptoCost {
  /** Microseconds per call, median of batches. */
  nextAuthDecodeUs: number;
  decryptOnlyUs: number;
  encodeUs: number;
}

async function microsecondsPerCall(batch: number, call: () => unknown) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < batch; i += 1) await call();
  return Number(process.hrtime.bigint() - started) / 1000 / batch;
}

export async function measureSessionCrypto(
  token: JWT,
  secret: string,
  batches = 30,
  batch = 200,
): Promise<SessionCryptoCost> {
  const codec = sessionTokenCodec();
  const cookie = await nextAuthEncode({ token, secret });
  const calls = {
    nextAuthDecode: () => nextAuthDecode({ token: cookie, secret }),
    decryptOnly: () => codec.decode({ token: cookie, secret }),
    encode: () => codec.encode({ token, secret, maxAge: 14 * 24 * 60 * 60 }),
  };
  const samples: Record<keyof typeof calls, number[]> = {
    nextAuthDecode: [],
    decryptOnly: [],
    encode: [],
  };
  // Warm-up: JIT, and the one key derivation.
  for (const call of Object.values(calls)) await microsecondsPerCall(batch, call);
  for (let round = 0; round < batches; round += 1) {
    for (const [name, call] of Object.entries(calls) as [
      keyof typeof calls,
      () => Promise<unknown>,
    ][]) {
      samples[name].push(await microsecondsPerCall(batch, call));
    }
  }
  return {
    nextAuthDecodeUs: percentile(samples.nextAuthDecode, 50),
    decryptOnlyUs: percentile(samples.decryptOnly, 50),
    encodeUs: percentile(samples.encode, 50),
  };
}
