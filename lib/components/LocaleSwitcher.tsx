import Link from 'next/link';
import { useRouter } from 'next/router';
import { useLocale, useMessages, type Locale } from '@/lib/i18n';
import styles from './Layout.module.css';

/** Each language is named in itself, so a person who cannot read the current one finds theirs. */
const LANGUAGES: { locale: Locale; label: string }[] = [
  { locale: 'en', label: 'English' },
  { locale: 'ja', label: '日本語' },
];

/**
 * Links to the same page in the other locale (Pages Router `locale` prop on `Link`).
 * @see https://nextjs.org/docs/pages/guides/internationalization#transition-between-locales
 */
export function LocaleSwitcher() {
  const t = useMessages();
  const router = useRouter();
  const current = useLocale();
  // A statically optimised page is rendered without its query, and hydrates before the router
  // knows it (`isReady`): link to the bare path until then, so server and client HTML agree.
  const samePage = router.isReady ? router.asPath : router.pathname;
  return (
    <nav aria-label={t.nav.language} className={styles.locales}>
      {LANGUAGES.map(({ locale, label }) => (
        <Link
          key={locale}
          href={samePage}
          locale={locale}
          lang={locale}
          hrefLang={locale}
          aria-current={locale === current ? 'true' : undefined}
          className={styles.locale}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
