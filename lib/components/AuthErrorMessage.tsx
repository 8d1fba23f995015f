import { useMessages, type AuthErrorCode } from '@/lib/i18n';
import styles from './AuthErrorMessage.module.css';

export interface AuthErrorMessageProps {
  code: AuthErrorCode;
  /** The heading level: `h1` on the error page, `h2` inside the sign-in page. */
  as?: 'h1' | 'h2';
}

/**
 * What happened and what to do, for one next-auth error code; the same words on the error page
 * and on the sign-in page (next-auth sends some errors to each).
 * @see https://next-auth.js.org/configuration/pages#error-codes
 */
export function AuthErrorMessage({ code, as: Heading = 'h2' }: AuthErrorMessageProps) {
  const t = useMessages();
  const text = t.authError.codes[code];
  return (
    <div className={styles.message} role="alert">
      <Heading className={styles.title}>{text.title}</Heading>
      <p>{text.whatToDo}</p>
      <p className={styles.code}>{t.authError.codeLabel(code)}</p>
    </div>
  );
}
