import Link from 'next/link';
import type { BookListing } from '@/lib/books/catalogue';
import { useMessages } from '@/lib/i18n';
import { BookCover } from './BookCover';
import styles from './BookCard.module.css';

export interface BookCardProps {
  book: BookListing;
}

/** One book in the catalogue grid; the whole card is one link to its detail page. */
export function BookCard({ book }: BookCardProps) {
  const t = useMessages();
  return (
    <li className={styles.card}>
      <BookCover title={book.title} author={book.author} id={book.id} />
      <div className={styles.body}>
        <h2 className={styles.title}>
          <Link href={`/books/${book.id}`} className={styles.link}>
            {book.title}
          </Link>
        </h2>
        <p className={styles.author}>{t.books.by(book.author)}</p>
        <p className={styles.meta}>
          <span>{t.books.year(book.year)}</span>
          <span className={styles.price}>
            <span className="visually-hidden">{t.books.price}: </span>
            {book.price}
          </span>
        </p>
      </div>
    </li>
  );
}
