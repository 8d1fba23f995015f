/**
 * `/books` without the gate, for bench/session-throughput.ts: the real page component (imported,
 * so it cannot drift from the page) with the same server-side props and a constant session, so
 * the header and `__NEXT_DATA__` are the same as for the signed-in person; only the session read
 * is missing. bench/next-build.ts copies this file into its copy's `pages/`, where Next strips
 * `getServerSideProps` and what only it imports from the browser bundle, as for any page.
 * `npm run typecheck` checks it here.
 */
import type { GetServerSideProps } from 'next';
import type { Session } from 'next-auth';
import type { PropsWithSession } from '@/lib/auth/server';
import { listBooks, type BookListing } from '@/lib/books/catalogue';
import BooksPage from '@/pages/books';
import { BENCH_SESSION } from '@/bench/logto-sized-session';

const SESSION: Session = BENCH_SESSION;

export const getServerSideProps: GetServerSideProps<
  PropsWithSession<{ books: BookListing[] }>
> = async (ctx) => ({
  props: { books: listBooks(ctx.locale), session: SESSION, sessionEnded: false },
});

export default BooksPage;
