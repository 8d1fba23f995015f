import { useSession } from 'next-auth/react';
import { useRouter } from 'next/router';
import type { ReactNode } from 'react';
import { signInPath } from '@/lib/auth/core/routes';
import { currentPathWithLocale } from './callback-url';
import { PageSkeleton } from './PageSkeleton';
import { SessionEndedNotice } from './SessionEndedNotice';

export interface AuthGateProps {
  children: ReactNode;
}

/**
 * The browser's half of the one gate, which `_app` puts around every page that
 * `requireSession` served (the server's half), for as long as the tab stays open:
 * - loading: an accessible skeleton (never the page, never a flash of signed-out UI);
 * - signed out (e.g. in another tab): replaces the URL with our `/signin?callbackUrl=<this
 *   page>`. Without `onUnauthenticated`, next-auth would send people to `/api/auth/signin`;
 * - a session that can no longer be refreshed, on the server render or after a focus refetch:
 *   the session-ended notice instead of the page, which is never rendered then.
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
