import { requireSession } from '@/auth';
import { BookCard } from '@/lib/components/BookCard';
import { PageTitle } from '@/lib/components/PageTitle';
import { listBooks, type BookListing } from '@/lib/books/catalogue';
import { useMessages } from '@/lib/i18n';
import styles from '@/styles/Books.module.css';

/** A type alias (not an interface) so it fits requireSession's `Record<string, unknown>`. */
type BooksPageProps = { books: BookListing[] };

/** Signed-out visitors are redirected to sign-in; the books come priced for the locale. */
export const getServerSideProps = requireSession<BooksPageProps>((ctx) => ({
  props: { books: listBooks(ctx.locale) },
}));

/** The gated catalogue. */
export default function BooksPage({ books }: BooksPageProps) {
  const t = useMessages();
  return (
    <>
      <PageTitle title={t.books.title} />
      <h1>{t.books.heading}</h1>
      <p className="lead">{t.books.lead}</p>
      <ul className={styles.grid}>
        {books.map((book) => (
          <BookCard key={book.id} book={book} />
        ))}
      </ul>
    </>
  );
}
