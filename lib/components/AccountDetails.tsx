import type { Session } from 'next-auth';
import { formatPhone } from '@/lib/phone';
import { intlTagFor, useLocale, useMessages } from '@/lib/i18n';
import styles from './AccountDetails.module.css';

export interface AccountDetailsProps {
  session: Session;
  /** Logto's Account Center page for a new number; no link without it. */
  changePhoneUrl?: string;
}

/**
 * The profile as a description list: name, phone in both formats (national for home,
 * international for travel) with the way to change it, whether Logto verified it, the user id and
 * when the session ends.
 */
export function AccountDetails({ session, changePhoneUrl }: AccountDetailsProps) {
  const t = useMessages();
  const locale = useLocale();
  const { user } = session;
  // The server and the browser may sit in different time zones: name the zone, so the
  // server-rendered time is right as shown, and let hydration keep it.
  const expires = new Intl.DateTimeFormat(intlTagFor(locale), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(session.expires));
  return (
    <dl className={styles.details}>
      <div>
        <dt>{t.account.name}</dt>
        <dd>{user.name ?? t.account.noName}</dd>
      </div>
      <div>
        <dt>{t.account.phone}</dt>
        <dd>
          {user.phoneNumber ? (
            <dl className={styles.phone}>
              <div>
                <dt>{t.account.phoneNational}</dt>
                <dd>{formatPhone(user.phoneNumber, 'national')}</dd>
              </div>
              <div>
                <dt>{t.account.phoneInternational}</dt>
                <dd>{formatPhone(user.phoneNumber, 'international')}</dd>
              </div>
            </dl>
          ) : (
            t.account.noPhone
          )}
          {changePhoneUrl ? (
            <a className={styles.change} href={changePhoneUrl}>
              {t.account.changePhone}
            </a>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t.account.verification}</dt>
        <dd>
          <span className={user.phoneNumberVerified ? styles.verified : styles.unverified}>
            {user.phoneNumberVerified ? t.account.verified : t.account.notVerified}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t.account.userId}</dt>
        <dd>
          <code>{user.id}</code>
        </dd>
      </div>
      <div>
        <dt>{t.account.sessionExpires}</dt>
        <dd>
          <time dateTime={session.expires} suppressHydrationWarning>
            {expires}
          </time>
        </dd>
      </div>
    </dl>
  );
}
