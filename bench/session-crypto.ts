/**
 * The cost of one session read's cryptography, in this process: next-auth's own `decode` (HKDF
 * on every call, then the decryption), ours (the key derived once, so the decryption alone:
 * the floor of any read that checks the cookie), the encryption that re-issuing a cookie costs,
 * and Auth.js v5's `decode` of its own cookie (README, "Moving to Auth.js v5": what a read costs
 * after the move, without the speed layer). Batches alternate between them so load moves them
 * together.
 */
import { decode as nextAuthDecode, encode as nextAuthEncode, type JWT } from 'next-auth/jwt';
import { decode as authjsDecode, encode as authjsEncode } from 'next-auth-v5/jwt';
import { sessionTokenCodec } from '../lib/auth/speed/session-token';
import { percentile } from './stats';

export interface SessionCryptoCost {
  /** Microseconds per call, median of batches. */
  nextAuthDecodeUs: number;
  decryptOnlyUs: number;
  encodeUs: number;
  authjsDecodeUs: number;
}

/** v5's session cookie name, which is also the salt of its key. */
const AUTHJS_COOKIE = 'authjs.session-token';

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
  const authjsCookie = await authjsEncode({ token, secret, salt: AUTHJS_COOKIE });
  const calls = {
    nextAuthDecode: () => nextAuthDecode({ token: cookie, secret }),
    decryptOnly: () => codec.decode({ token: cookie, secret }),
    encode: () => codec.encode({ token, secret, maxAge: 14 * 24 * 60 * 60 }),
    authjsDecode: () => authjsDecode({ token: authjsCookie, secret, salt: AUTHJS_COOKIE }),
  };
  const samples: Record<keyof typeof calls, number[]> = {
    nextAuthDecode: [],
    decryptOnly: [],
    encode: [],
    authjsDecode: [],
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
    authjsDecodeUs: percentile(samples.authjsDecode, 50),
  };
}
