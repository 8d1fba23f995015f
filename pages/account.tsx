import { useSession } from 'next-auth/react';
import { AccountDetails } from '@/lib/components/AccountDetails';
import type { GatedPage } from '@/lib/components/page-auth';
import { PageTitle } from '@/lib/components/PageTitle';
import { SessionEndedNotice } from '@/lib/components/SessionEndedNotice';
import { SignOut } from '@/lib/components/SignOut';
import { phoneChangeUrl, refreshAfterAccountCenter, requireSession } from '@/lib/auth/server';
import { useMessages } from '@/lib/i18n';

/**
 * Hands the session to SessionProvider, so the profile is in the server-rendered HTML, with the
 * link to Logto's Account Center for a new number; back from there, the session takes the new
 * number first.
 */
export const getServerSideProps = refreshAfterAccountCenter(
  requireSession((ctx) => ({ props: { changePhoneUrl: phoneChangeUrl(ctx) } })),
);

/** The gated profile; renders from `useSession().data`, which the server seeded. */
const AccountPage: GatedPage<{ changePhoneUrl: string }> = (props) => {
  const t = useMessages();
  const { data: session } = useSession();
  if (props.sessionEnded) return <SessionEndedNotice />;
  // requireSession renders this page only with a session, so this is a type guard, not a state.
  if (!session) return null;
  return (
    <>
      <PageTitle title={t.account.title} />
      <h1>{t.account.heading}</h1>
      <AccountDetails session={session} changePhoneUrl={props.changePhoneUrl} />
      <SignOut variant="primary" />
    </>
  );
};
AccountPage.auth = true;

export default AccountPage;
