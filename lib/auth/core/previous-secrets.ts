import { decode as nextAuthDecode, type JWTOptions } from 'next-auth/jwt';

type SessionCodec = Partial<Pick<JWTOptions, 'encode' | 'decode'>>;

/**
 * The session cookie's format, reading cookies made with earlier secrets too
 * (`NEXTAUTH_PREVIOUS_SECRETS`), so rotating `NEXTAUTH_SECRET` signs nobody out: new cookies are
 * encrypted with the current secret, and an active person's cookie is re-issued with it within
 * the hour (`session.updateAge`). Without previous secrets, the codec is left as it is.
 * @see ../../../README.md#rotating-the-session-secret
 */
export function withPreviousSecrets(
  codec: SessionCodec | undefined,
  previousSecrets: readonly string[] | undefined,
): SessionCodec | undefined {
  if (!previousSecrets?.length) return codec;
  const decode = codec?.decode ?? nextAuthDecode;
  return {
    ...codec,
    async decode(params) {
      try {
        return await decode(params);
      } catch (error) {
        for (const secret of previousSecrets) {
          try {
            return await decode({ ...params, secret });
          } catch {
            // Not this one either.
          }
        }
        // None of them: next-auth clears the cookie, as for any cookie it cannot read.
        throw error;
      }
    },
  };
}
