import { useRouter } from 'next/router';
import { useMessages } from '@/lib/i18n';
import styles from './SignedOutLocallyNotice.module.css';

/**
 * Shown on the home page after `/?signedOut=local`: the federated sign-out cleared this site's
 * session but could not reach Logto, so the Logto session may still be open on this device.
 * @see lib/auth/core/sign-out.ts
 */
export function SignedOutLocallyNotice() {
  const t = useMessages();
  const { query } = useRouter();
  if (query.signedOut !== 'local') return null;
  return (
    <p role="status" className={styles.notice}>
      {t.signedOut.localOnly}
    </p>
  );
}
