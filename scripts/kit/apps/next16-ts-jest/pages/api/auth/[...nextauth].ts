// A team's NextAuth route with the endpoints written out instead of discovered, and
// openid-client (next-auth's own OpenID library) refreshing and revoking: `client.refresh()`
// checks the refreshed ID token before its claims are used.
import NextAuth, { type NextAuthOptions } from 'next-auth';
import { Issuer } from 'openid-client';

const ISSUER = process.env.AUTH_LOGTO_ISSUER!;
const CLIENT = {
  client_id: process.env.AUTH_LOGTO_ID!,
  client_secret: process.env.AUTH_LOGTO_SECRET!,
  id_token_signed_response_alg: 'ES384',
};

async function logtoClient() {
  const issuer = await Issuer.discover(ISSUER);
  return new issuer.Client(CLIENT);
}

const e164 = (digits: unknown) => (typeof digits === 'string' && digits ? `+${digits}` : null);

export const authOptions: NextAuthOptions = {
  providers: [
    {
      id: 'logto',
      name: 'Logto',
      type: 'oauth',
      issuer: ISSUER,
      authorization: {
        url: `${ISSUER}/auth`,
        params: { scope: 'openid offline_access profile email phone', prompt: 'consent' },
      },
      token: `${ISSUER}/token`,
      userinfo: `${ISSUER}/me`,
      jwks_endpoint: `${ISSUER}/jwks`,
      idToken: true,
      checks: ['pkce', 'state', 'nonce'],
      client: { id_token_signed_response_alg: 'ES384' },
      clientId: CLIENT.client_id,
      clientSecret: CLIENT.client_secret,
      profile: (claims) => ({
        id: claims.sub,
        name: claims.name,
        email: claims.email,
        phone: e164(claims.phone_number),
      }),
    },
  ],
  callbacks: {
    async jwt({ token, user, account }) {
      if (account) {
        return {
          ...token,
          phone: user.phone,
          refreshToken: account.refresh_token,
          expiresAt: account.expires_at,
        };
      }
      if (Date.now() < (token.expiresAt ?? 0) * 1000) return token;
      try {
        const tokens = await (await logtoClient()).refresh(token.refreshToken!);
        return {
          ...token,
          phone: e164(tokens.claims().phone_number),
          refreshToken: tokens.refresh_token ?? token.refreshToken,
          expiresAt: tokens.expires_at,
          error: undefined,
        };
      } catch {
        return { ...token, error: 'RefreshAccessTokenError' as const };
      }
    },
    session: ({ session, token }) => ({
      ...session,
      user: { ...session.user, phone: token.phone },
      error: token.error,
    }),
  },
  events: {
    async signOut({ token }) {
      if (token.refreshToken) {
        await (await logtoClient()).revoke(token.refreshToken, 'refresh_token');
      }
    },
  },
};

export default NextAuth(authOptions);
