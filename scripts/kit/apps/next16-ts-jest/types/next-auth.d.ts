import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface User {
    phone?: string | null;
  }
  interface Session {
    user: DefaultSession['user'] & { phone?: string | null };
    error?: 'RefreshAccessTokenError';
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    phone?: string | null;
    refreshToken?: string;
    expiresAt?: number;
    error?: 'RefreshAccessTokenError';
  }
}
