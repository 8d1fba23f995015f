import NextAuth, { type NextAuthOptions } from 'next-auth';
import Logto from '@/lib/auth/logto';

/**
 * What step 1 of "Files to copy" gives a team: the plain provider in its own `authOptions`,
 * with none of the rest of lib/auth (no cache layer, no refresh, no env validation).
 */
export const authOptions: NextAuthOptions = {
  providers: [
    Logto({
      // `next build` loads this route to collect page data, where the deployment's variables may
      // be missing; Logto() reads `issuer` at once (see README, "Files to copy, in order").
      issuer: process.env.AUTH_LOGTO_ISSUER ?? '',
      clientId: process.env.AUTH_LOGTO_ID!,
      clientSecret: process.env.AUTH_LOGTO_SECRET!,
    }),
  ],
  pages: { signIn: '/signin' },
};

export default NextAuth(authOptions);
