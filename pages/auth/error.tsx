import Link from 'next/link';
import { useRouter } from 'next/router';
import { AuthErrorMessage } from '@/lib/components/AuthErrorMessage';
import { browserOrigin, safeCallbackUrl, signInPath } from '@/lib/components/callback-url';
import { PageTitle } from '@/lib/components/PageTitle';
import { toAuthErrorCode, useMessages } from '@/lib/i18n';
import styles from '@/styles/AuthError.module.css';

/**
 * next-auth's `pages.error`: every code gets what happened and what to do, and "Try again"
 * goes back to sign-in keeping where the person was headed (only if it is on this site).
 * @see https://next-auth.js.org/configuration/pages#error-page
 */
export default function AuthErrorPage() {
  const t = useMessages();
  const { query } = useRouter();
  const code = toAuthErrorCode(query.error);
  const callbackUrl = safeCallbackUrl(query.callbackUrl, browserOrigin());
  return (
    <div className="panel">
      <PageTitle title={t.authError.title} />
      <AuthErrorMessage code={code} as="h1" />
      <div className={styles.actions}>
        <Link href={signInPath(callbackUrl)} className="button button-primary">
          {t.authError.tryAgain}
        </Link>
        <Link href="/" className="button button-secondary">
          {t.authError.home}
        </Link>
      </div>
    </div>
  );
}
