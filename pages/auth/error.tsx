import Link from 'next/link';
import { useRouter } from 'next/router';
import type { GetServerSidePropsContext } from 'next';
import { authErrorPageProps } from '@/auth';
import type { AuthErrorPageProps } from '@/lib/auth/core/id-token-alg-mismatch';
import { signInPath } from '@/lib/auth/core/routes';
import { ID_TOKEN_ALG_VARIABLE } from '@/lib/auth/provider/id-token-alg';
import { AuthErrorMessage } from '@/lib/components/AuthErrorMessage';
import { browserOrigin, safeCallbackUrl } from '@/lib/components/callback-url';
import { PageTitle } from '@/lib/components/PageTitle';
import { toAuthErrorCode, useMessages } from '@/lib/i18n';
import styles from '@/styles/AuthError.module.css';

/**
 * next-auth's `pages.error`: every code gets what happened and what to do, and "Try again"
 * goes back to sign-in keeping where the person was headed (only if it is on this site).
 * An `OAuthCallback` caused by an ID token signing algorithm the app does not accept also says
 * which algorithm Logto used and which variable to set (found on the server).
 * @see https://next-auth.js.org/configuration/pages#error-page
 */
export const getServerSideProps = (context: GetServerSidePropsContext) =>
  authErrorPageProps(context);

export default function AuthErrorPage({ idTokenAlgMismatch }: Partial<AuthErrorPageProps>) {
  const t = useMessages();
  const { query } = useRouter();
  const code = toAuthErrorCode(query.error);
  const callbackUrl = safeCallbackUrl(query.callbackUrl, browserOrigin());
  return (
    <div className="panel">
      <PageTitle title={t.authError.title} />
      <AuthErrorMessage code={code} as="h1" />
      {idTokenAlgMismatch ? (
        <p role="note">
          {t.authError.idTokenAlgMismatch(
            idTokenAlgMismatch.used,
            idTokenAlgMismatch.expected,
            ID_TOKEN_ALG_VARIABLE,
          )}
        </p>
      ) : null}
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
