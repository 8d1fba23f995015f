import Link from 'next/link';
import { useRouter } from 'next/router';
import { signInPath } from '@/lib/auth/core/routes';
import { useMessages } from '@/lib/i18n';
import { currentPathWithLocale } from './callback-url';
import styles from './SessionEndedNotice.module.css';

export interface SessionEndedNoticeProps {
  /** Where to come back after signing in again; defaults to the current page (with locale). */
  callbackUrl?: string;
}

/**
 * Shown instead of a gated page when the session can no longer be refreshed
 * (`session.error === 'RefreshAccessTokenError'`): says so plainly and offers to sign in again,
 * coming back to the same page.
 * @see ../../README.md#sessions-refresh-and-sign-out
 */
export function SessionEndedNotice({ callbackUrl }: SessionEndedNoticeProps) {
  const t = useMessages();
  const router = useRouter();
  const target = callbackUrl ?? currentPathWithLocale(router);
  return (
    <section className={styles.notice} aria-labelledby="session-ended-heading" role="alert">
      <h1 id="session-ended-heading" className={styles.heading}>
        {t.sessionEnded.heading}
      </h1>
      <p>{t.sessionEnded.body}</p>
      <Link className="button button-primary" href={signInPath(target)}>
        {t.sessionEnded.action}
      </Link>
    </section>
  );
}
