import type { GetStaticProps } from 'next';
import Link from 'next/link';
import { useRouter } from 'next/router';
import { useSession } from 'next-auth/react';
import { AuthErrorMessage } from '@/lib/components/AuthErrorMessage';
import { browserOrigin, safeCallbackUrl } from '@/lib/components/callback-url';
import { countryOptions, type CountryOption } from '@/lib/components/country-names';
import { readPhoneCountries } from '@/lib/phone-countries';
import { PageTitle } from '@/lib/components/PageTitle';
import { PhoneSignInForm } from '@/lib/components/PhoneSignInForm';
import { toAuthErrorCode, toLocale, useMessages } from '@/lib/i18n';
import styles from '@/styles/SignIn.module.css';

type SignInPageProps = { countries: CountryOption[] };

/**
 * Country names are made once per locale at build time, so server and browser agree on them;
 * PHONE_COUNTRIES, when set at build time, narrows them (lib/phone-countries.ts).
 */
export const getStaticProps: GetStaticProps<SignInPageProps> = ({ locale }) => ({
  props: { countries: countryOptions(toLocale(locale), readPhoneCountries(process.env)) },
});

/**
 * next-auth's `pages.signIn`: phone first. Keeps `callbackUrl` only when it stays on this site,
 * and shows the `?error=` next-auth sends here with the same words as the error page.
 * @see https://next-auth.js.org/configuration/pages#sign-in-page
 */
export default function SignInPage({ countries }: SignInPageProps) {
  const t = useMessages();
  const { query } = useRouter();
  const { data: session } = useSession();
  const callbackUrl = safeCallbackUrl(query.callbackUrl, browserOrigin());
  const signedIn = session && !session.error;
  return (
    <div className="panel">
      <PageTitle title={t.signIn.title} />
      <h1 className={styles.heading}>{t.signIn.heading}</h1>
      {query.error ? (
        <div className={styles.error}>
          <AuthErrorMessage code={toAuthErrorCode(query.error)} />
        </div>
      ) : null}
      {signedIn ? (
        <div className={styles.signedIn}>
          <p>{t.signIn.alreadySignedIn(session.user.name ?? session.user.phoneNumber ?? '')}</p>
          <Link href={callbackUrl} locale={false} className="button button-primary button-wide">
            {t.signIn.continue}
          </Link>
        </div>
      ) : (
        <>
          <p className={styles.lead}>{t.signIn.lead}</p>
          <PhoneSignInForm countries={countries} callbackUrl={callbackUrl} />
        </>
      )}
    </div>
  );
}
