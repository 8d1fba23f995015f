import type { Session } from 'next-auth';
import { requireSession } from '@/lib/auth/server';

/** Signed-out visitors are sent to /signin?callbackUrl=/books by the server gate. */
export const getServerSideProps = requireSession();

/** A gated page as a copier writes one: the server gate alone, no client gate. */
export default function Books({ session }: { session?: Session }) {
  return (
    <main>
      <h1>Books</h1>
      <p>Signed in as {session?.user.phoneNumber ?? 'unknown'}</p>
    </main>
  );
}
