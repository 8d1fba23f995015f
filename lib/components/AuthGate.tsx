import { useSession } from 'next-auth/react';
import { useRouter } from 'next/router';
import type { ReactNode } from 'react';
import { currentPathWithLocale, signInPath } from './callback-url';
import { PageSkeleton } from './PageSkeleton';
import { SessionEndedNotice } from './SessionEndedNotice';

export interface AuthGateProps {
  children: ReactNode;
}

/**
 * The one client-side gate, used by `_app` for pages with `Page.auth = true`.
 * - loading: an accessible skeleton (never the page, never a flash of signed-out UI);
 * - signed out: replaces the URL with our `/signin?callbackUrl=<this page>`. Without
 *   `onUnauthenticated`, next-auth would send people to its hard-coded `/api/auth/signin`;
 * - session that can no longer be refreshed: the session-ended notice instead of the page.
 * @see https://next-auth.js.org/getting-started/client#require-session
 */
export function AuthGate({ children }: AuthGateProps) {
  const router = useRouter();
  const { data: session, status } = useSession({
    required: true,
    onUnauthenticated() {
      void router.replace(signInPath(currentPathWithLocale(router)));
    },
  });
  if (status !== 'authenticated') return <PageSkeleton />;
  if (session.error) return <SessionEndedNotice />;
  return <>{children}</>;
}
