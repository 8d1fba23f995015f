import { signIn } from 'next-auth/react';
import { useLocale, useMessages } from '@/lib/i18n';

/**
 * The guide's sign-in button: straight to Logto with no phone prefilled,
 * in the page's language (`ui_locales`).
 * @see https://docs.logto.io/quick-starts/next-auth
 */
export function SignIn() {
  const t = useMessages();
  const locale = useLocale();
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={() => void signIn('logto', undefined, { ui_locales: locale })}
    >
      {t.auth.signInWithLogto}
    </button>
  );
}
