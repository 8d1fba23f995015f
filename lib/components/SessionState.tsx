import { useSession } from 'next-auth/react';
import { useMessages } from '@/lib/i18n';
import { SignIn } from './SignIn';
import { SignOut } from './SignOut';
import styles from './SessionState.module.css';

/**
 * "Signed in as … / not signed in" with the guide's SignIn / SignOut buttons.
 * A live region, so the change from "checking" to the answer is announced.
 * @see https://docs.logto.io/quick-starts/next-auth#implement-sign-in-and-sign-out
 */
export function SessionState() {
  const t = useMessages();
  const { data: session, status } = useSession();
  return (
    <section className={styles.state} aria-live="polite">
      {status === 'loading' ? (
        <p className={styles.text}>{t.loading.session}</p>
      ) : session ? (
        <>
          <p className={styles.text}>
            {t.home.signedInAs(session.user.name ?? session.user.phoneNumber ?? session.user.id)}
          </p>
          <SignOut />
        </>
      ) : (
        <>
          <p className={styles.text}>{t.home.notSignedIn}</p>
          <SignIn />
        </>
      )}
    </section>
  );
}
