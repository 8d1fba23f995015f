import { signIn, signOut, useSession } from 'next-auth/react';

export default function HomePage() {
  const { data: session } = useSession();
  return (
    <main>
      <h1>Bookstore</h1>
      {session ? (
        <button onClick={() => signOut()}>Sign out</button>
      ) : (
        <button onClick={() => signIn('logto')}>Sign in</button>
      )}
    </main>
  );
}
