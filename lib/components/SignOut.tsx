import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { useMessages } from '@/lib/i18n';

export interface SignOutProps {
  /** `button-secondary` in the header, `button-primary` on a page. */
  variant?: 'primary' | 'secondary';
}

/**
 * The one sign-out button. For now it only clears next-auth's cookie and goes home; ending the
 * Logto session too (end_session_endpoint) is a later change that should stay inside this file.
 * @see https://next-auth.js.org/getting-started/client#signout
 */
export function SignOut({ variant = 'secondary' }: SignOutProps) {
  const t = useMessages();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <button
      type="button"
      className={`button button-${variant}`}
      disabled={signingOut}
      onClick={() => {
        setSigningOut(true);
        void signOut({ callbackUrl: '/' });
      }}
    >
      {signingOut ? t.auth.signingOut : t.auth.signOut}
    </button>
  );
}
