import type { GetServerSideProps } from 'next';
import type { Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import { authOptions } from './api/auth/[...nextauth]';

/** A page gated the way next-auth documents it, with the plain provider's session. */
export const getServerSideProps: GetServerSideProps<{ session: Session }> = async ({
  req,
  res,
}) => {
  const session = await getServerSession(req, res, authOptions);
  if (!session) {
    return { redirect: { destination: '/signin?callbackUrl=%2Fbooks', permanent: false } };
  }
  return { props: { session } };
};

export default function Books({ session }: { session: Session }) {
  return (
    <main>
      <h1>Books</h1>
      <p>Signed in as {session.user?.name}</p>
    </main>
  );
}
