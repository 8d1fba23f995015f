import { useSession } from 'next-auth/react';
import { requireSession } from '@/auth';
import { AccountDetails } from '@/lib/components/AccountDetails';
import { PageTitle } from '@/lib/components/PageTitle';
import { SignOut } from '@/lib/components/SignOut';
import { useMessages } from '@/lib/i18n';

/** Hands the session to SessionProvider, so the profile is in the server-rendered HTML. */
export const getServerSideProps = requireSession();

/** The gated profile; renders from `useSession().data`, which the server seeded. */
export default function AccountPage() {
  const t = useMessages();
  const { data: session } = useSession();
  // The gate renders this page only with a session, so this is a type guard, not a state.
  if (!session) return null;
  return (
    <>
      <PageTitle title={t.account.title} />
      <h1>{t.account.heading}</h1>
      <AccountDetails session={session} />
      <SignOut variant="primary" />
    </>
  );
}
