import Link from 'next/link';
import { requireSession } from '@/auth';
import { BookCover } from '@/lib/components/BookCover';
import { PageTitle } from '@/lib/components/PageTitle';
import { findBook, type BookListing } from '@/lib/books/catalogue';
import { useMessages } from '@/lib/i18n';
import styles from '@/styles/Books.module.css';

/** A type alias (not an interface) so it fits requireSession's `Record<string, unknown>`. */
type BookPageProps = { book: BookListing };

/** Signed-out visitors go to sign-in first; an unknown id is a 404, not an error. */
export const getServerSideProps = requireSession<BookPageProps>((ctx) => {
  const id = typeof ctx.params?.id === 'string' ? ctx.params.id : '';
  const book = findBook(id, ctx.locale);
  return book ? { props: { book } } : { notFound: true };
});

/** One book, gated. */
export default function BookPage({ book }: BookPageProps) {
  const t = useMessages();
  return (
    <>
      <PageTitle title={book.title} />
      <Link href="/books" className={styles.back}>
        ← {t.books.back}
      </Link>
      <article className={styles.detail}>
        <BookCover id={book.id} title={book.title} author={book.author} size="large" />
        <div>
          <h1>{book.title}</h1>
          <p className={styles.author}>{t.books.by(book.author)}</p>
          <ul className={styles.facts}>
            <li>{t.books.year(book.year)}</li>
            <li>{t.books.pages(book.pages)}</li>
          </ul>
          <p className={styles.summary}>{book.summary}</p>
          <p className={styles.price}>
            <span className="visually-hidden">{t.books.price}: </span>
            {book.price}
          </p>
        </div>
      </article>
    </>
  );
}
