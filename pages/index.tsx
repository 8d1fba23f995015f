import Link from 'next/link';
import { useSession } from 'next-auth/react';
import { AUTH_PAGES } from '@/lib/auth/core/routes';
import { PageTitle } from '@/lib/components/PageTitle';
import { SessionState } from '@/lib/components/SessionState';
import { SignedOutLocallyNotice } from '@/lib/components/SignedOutLocallyNotice';
import { useMessages } from '@/lib/i18n';
import styles from '@/styles/Home.module.css';

/** Public home: what the store is, whether you are signed in, and the guide's buttons. */
export default function HomePage() {
  const t = useMessages();
  const { status } = useSession();
  return (
    <>
      <PageTitle title={t.home.title} />
      <SignedOutLocallyNotice />
      <section className={styles.hero}>
        <p className={styles.kicker}>{t.app.tagline}</p>
        <h1>{t.home.heading}</h1>
        <p className="lead">{t.home.lead}</p>
        <div className={styles.actions}>
          {status === 'authenticated' ? (
            <Link href="/books" className="button button-primary">
              {t.home.browseBooks}
            </Link>
          ) : (
            <Link href={AUTH_PAGES.signIn} className="button button-primary">
              {t.home.usePhone}
            </Link>
          )}
        </div>
      </section>
      <SessionState />
    </>
  );
}
