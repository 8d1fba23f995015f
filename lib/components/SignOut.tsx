import { getCsrfToken } from 'next-auth/react';
import { useRef, useState, type FormEvent } from 'react';
import { FEDERATED_SIGN_OUT_PATH } from '@/lib/auth/core/routes';
import { useMessages } from '@/lib/i18n';
import styles from './SignOut.module.css';

export interface SignOutProps {
  /** `button-secondary` in the header, `button-primary` on a page. */
  variant?: 'primary' | 'secondary';
}

/**
 * The one sign-out button: a plain form POST to the federated sign-out route, so the browser
 * follows its redirect to Logto's end-session page and back home, ending both sessions.
 * next-auth's `signOut()` would only clear our cookie and leave the Logto session open.
 * The CSRF token is fetched when the person presses the button (next-auth's double-submit
 * token, the same one `signOut()` sends), then the form is submitted natively.
 * @see https://next-auth.js.org/getting-started/client#getcsrftoken
 */
export function SignOut({ variant = 'secondary' }: SignOutProps) {
  const t = useMessages();
  const [signingOut, setSigningOut] = useState(false);
  const csrfInput = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setSigningOut(true);
    const csrfToken = await getCsrfToken();
    if (csrfInput.current) csrfInput.current.value = csrfToken ?? '';
    // A native submit does not fire onSubmit again.
    form.submit();
  }

  return (
    <form
      className={styles.form}
      method="post"
      action={FEDERATED_SIGN_OUT_PATH}
      onSubmit={(event) => void onSubmit(event)}
    >
      <input ref={csrfInput} type="hidden" name="csrfToken" defaultValue="" />
      <button type="submit" className={`button button-${variant}`} disabled={signingOut}>
        {signingOut ? t.auth.signingOut : t.auth.signOut}
      </button>
    </form>
  );
}
