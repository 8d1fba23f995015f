import type { NextPage } from 'next';

import type { SessionProps } from '@/lib/auth/server';

/**
 * A page behind `requireSession`: it receives its props or `sessionEnded: true` (and shows the
 * notice itself). `Page.auth = true` makes `_app` also wrap it in `AuthGate`, which covers a
 * session that ends while the tab is open.
 * @see https://next-auth.js.org/getting-started/client#custom-client-session-handling
 */
export type GatedPage<P = object> = NextPage<SessionProps<P>> & { auth?: boolean };
