import Link from 'next/link';
import { useRouter } from 'next/router';
import { useSession } from 'next-auth/react';
import type { ReactNode } from 'react';
import { AUTH_PAGES } from '@/lib/auth/core/routes';
import { useMessages } from '@/lib/i18n';
import { LocaleSwitcher } from './LocaleSwitcher';
import { SignOut } from './SignOut';
import styles from './Layout.module.css';

export interface LayoutProps {
  children: ReactNode;
}

/**
 * The frame every page shares: skip link, header (name, nav, language, sign in/out), main, footer.
 * `_app` puts it around every page, outside the gate, so the header never flickers.
 */
export function Layout({ children }: LayoutProps) {
  const t = useMessages();
  const router = useRouter();
  const { data: session, status } = useSession();
  const isCurrent = (path: string) =>
    router.pathname === path || router.pathname.startsWith(`${path}/`);
  return (
    <>
      <a href="#main" className={styles.skipLink}>
        {t.app.skipToContent}
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <Link href="/" className={styles.brand}>
            <span aria-hidden="true" className={styles.logo}>
              📚
            </span>
            {t.app.name}
          </Link>
          <nav aria-label={t.nav.label} className={styles.nav}>
            <Link href="/books" aria-current={isCurrent('/books') ? 'page' : undefined}>
              {t.nav.books}
            </Link>
            <Link href="/account" aria-current={isCurrent('/account') ? 'page' : undefined}>
              {t.nav.account}
            </Link>
          </nav>
          <div className={styles.tools}>
            <LocaleSwitcher />
            {status === 'loading' ? null : session ? (
              <SignOut />
            ) : (
              <Link href={AUTH_PAGES.signIn} className="button button-secondary">
                {t.auth.signIn}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        {children}
      </main>
      <footer className={styles.footer}>
        <p>{t.app.footer}</p>
      </footer>
    </>
  );
}
