/**
 * Session cookies as Logto fills them: a JWT access token and an ID token of 800–900 bytes each
 * (ES384-signed, with the claims Logto puts in them) and a 43-character opaque refresh token.
 * Placeholder tokens a few bytes long make the cookie, and so its decryption, far cheaper than
 * in production.
 * @see https://docs.logto.io/authorization/validate-access-tokens
 */
import { randomBytes } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import type { JWT } from 'next-auth/jwt';
import { sessionTokenCodec } from '../lib/auth/speed/session-token';

const ISSUER = 'https://bookstore-bench.logto.app/oidc';
const SUB = 'a1b2c3d4e5f6';

/** Signs `claims` with ES384, growing a filler claim until the JWT is `bytes` long. */
async function jwtOfSize(claims: Record<string, unknown>, bytes: number, key: CryptoKey) {
  let filler = '';
  for (;;) {
    const jwt = await new SignJWT({ ...claims, ...(filler ? { ext: filler } : {}) })
      .setProtectedHeader({ alg: 'ES384', typ: 'at+jwt', kid: 'bench-key-id-1234567890' })
      .sign(key);
    if (jwt.length >= bytes) return jwt;
    filler += 'x'.repeat(Math.max(1, Math.floor(((bytes - jwt.length) * 3) / 4)));
  }
}

export interface LogtoSizedTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

export async function logtoSizedTokens(): Promise<LogtoSizedTokens> {
  const { privateKey } = await generateKeyPair('ES384');
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await jwtOfSize(
    {
      jti: randomBytes(16).toString('base64url'),
      sub: SUB,
      iat: now,
      exp: now + 3600,
      client_id: 'bookstore-bench',
      iss: ISSUER,
      aud: 'https://api.bookstore.example',
      scope: 'openid offline_access profile email phone read:books',
    },
    850,
    privateKey,
  );
  const idToken = await jwtOfSize(
    {
      sub: SUB,
      name: null,
      picture: null,
      username: null,
      email: null,
      email_verified: false,
      phone_number: '819012345678',
      phone_number_verified: true,
      created_at: now * 1000,
      updated_at: now * 1000,
      at_hash: randomBytes(24).toString('base64url'),
      aud: 'bookstore-bench',
      exp: now + 3600,
      iat: now,
      iss: ISSUER,
    },
    880,
    privateKey,
  );
  return { accessToken, idToken, refreshToken: randomBytes(32).toString('base64url') };
}

/** The `Session` the app builds from {@link signedInToken} (its `expires` fixed). */
export const BENCH_SESSION = {
  expires: '2099-01-01T00:00:00.000Z',
  user: {
    id: SUB,
    name: '+81 90 1234 5678',
    email: null,
    image: null,
    phoneNumber: '+819012345678',
    phoneNumberVerified: true,
  },
  error: null,
};

/** What the app's `jwt` callback stores after a sign-in, with these tokens. */
export function signedInToken(tokens: LogtoSizedTokens): JWT {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: SUB,
    name: '+81 90 1234 5678',
    email: null,
    picture: null,
    phoneNumber: '+819012345678',
    phoneNumberVerified: true,
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: now + 3600,
    accessTokenRefreshAt: now + 3540,
    refreshToken: tokens.refreshToken,
    idToken: tokens.idToken,
    // Every session carries the id a sign-out is recorded under (lib/auth/core/signed-out.ts); a
    // cookie without one is re-issued on its first read to gain it.
    sessionId: '0f9c3c3e-5a51-4c1e-9a43-3b1f1c2d7e10',
  };
}

/**
 * The session cookie holding `token`, as the app would have set it `ageSeconds` ago (the codec
 * stamps `iat` from `Date.now`, which is moved back for the call).
 */
export async function sessionCookieValue(
  token: JWT,
  secret: string,
  { ageSeconds = 0, maxAge = 14 * 24 * 60 * 60 } = {},
): Promise<string> {
  const realNow = Date.now;
  Date.now = () => realNow() - ageSeconds * 1000;
  try {
    return await sessionTokenCodec().encode({ token, secret, maxAge });
  } finally {
    Date.now = realNow;
  }
}
