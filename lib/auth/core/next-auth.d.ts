import type { DefaultSession } from 'next-auth';

/**
 * What the browser may see of a person: no tokens, ever.
 * @see https://next-auth.js.org/getting-started/typescript#module-augmentation
 */
declare module 'next-auth' {
  interface Session {
    user: {
      id: string;
      name: string | null;
      email: string | null;
      image: string | null;
      /** E.164, e.g. `+819012345678`. */
      phoneNumber: string | null;
      phoneNumberVerified: boolean;
    } & Omit<DefaultSession['user'], 'name' | 'email' | 'image'>;
    /** Set when the tokens can no longer be refreshed; the UI asks the person to sign in again. */
    error: 'RefreshAccessTokenError' | null;
  }

  interface User {
    phoneNumber?: string | null;
    phoneNumberVerified?: boolean;
  }
}

declare module 'next-auth/jwt' {
  /** The encrypted cookie's contents; kept lean so it stays in one cookie chunk. */
  interface JWT {
    sub?: string;
    name?: string | null;
    email?: string | null;
    picture?: string | null;
    phoneNumber?: string | null;
    phoneNumberVerified?: boolean;
    accessToken?: string;
    /** Seconds since the epoch. */
    accessTokenExpiresAt?: number;
    /** Seconds since the epoch when the access token is due for refresh (see lib/auth/tokens.ts). */
    accessTokenRefreshAt?: number;
    refreshToken?: string;
    idToken?: string;
    /** Made at sign-in and kept across refreshes: what a sign-out records (see lib/auth/core/signed-out.ts). */
    sessionId?: string;
    error?: 'RefreshAccessTokenError';
  }
}
