// A team's NextAuth route, written after Logto's next-auth guide and next-auth's refresh-token
// rotation guide: discovery through wellKnown, the refresh posted with fetch, the refreshed ID
// token checked with jose, the refresh token revoked on sign-out.
import NextAuth, { type NextAuthOptions } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const issuer = `${process.env.LOGTO_ENDPOINT}/oidc`;
const clientId = process.env.LOGTO_APP_ID!;
const clientSecret = process.env.LOGTO_APP_SECRET!;
const logtoKeys = createRemoteJWKSet(new URL(`${issuer}/jwks`));

interface LogtoClaims {
  sub: string;
  name?: string | null;
  username?: string | null;
  phone_number?: string | null;
}

// Logto sends phone numbers as digits; the app shows them in E.164.
const phoneOf = (claims: LogtoClaims) => (claims.phone_number ? `+${claims.phone_number}` : null);

async function refreshAccessToken(token: JWT): Promise<JWT> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: token.refreshToken as string,
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) return { ...token, error: 'RefreshAccessTokenError' };
  const { payload } = await jwtVerify(tokens.id_token, logtoKeys, {
    issuer,
    audience: clientId,
    algorithms: ['ES384'],
  });
  return {
    ...token,
    phone: phoneOf(payload as unknown as LogtoClaims),
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? token.refreshToken,
    expiresAt: Math.floor(Date.now() / 1000) + tokens.expires_in,
    error: undefined,
  };
}

export const authOptions: NextAuthOptions = {
  providers: [
    {
      id: 'logto',
      name: 'Logto',
      type: 'oauth',
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      authorization: {
        params: { scope: 'openid offline_access profile phone', prompt: 'consent' },
      },
      checks: ['pkce', 'state'],
      idToken: true,
      client: { id_token_signed_response_alg: 'ES384' },
      clientId,
      clientSecret,
      profile(profile: LogtoClaims) {
        return { id: profile.sub, name: profile.name ?? profile.username, phone: phoneOf(profile) };
      },
    },
  ],
  callbacks: {
    async jwt({ token, user, account }) {
      if (account && user) {
        return {
          ...token,
          phone: (user as { phone?: string | null }).phone,
          accessToken: account.access_token,
          refreshToken: account.refresh_token,
          expiresAt: account.expires_at,
        };
      }
      if (Date.now() < (token.expiresAt as number) * 1000) return token;
      return refreshAccessToken(token);
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, phone: token.phone }, error: token.error };
    },
  },
  events: {
    async signOut({ token }) {
      await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          token: token.refreshToken as string,
          token_type_hint: 'refresh_token',
        }),
      });
    },
  },
};

export default NextAuth(authOptions);
