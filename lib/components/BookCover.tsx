import styles from './BookCover.module.css';

export interface BookCoverProps {
  id: string;
  title: string;
  author: string;
  size?: 'small' | 'large';
}

const PALETTES = ['#7c2d12', '#1e3a5f', '#14532d', '#4c1d95', '#713f12', '#831843', '#134e4a'];

/** A typeset cover, coloured from the book id: no images to load, and it reads as a book. */
export function BookCover({ id, title, author, size = 'small' }: BookCoverProps) {
  const hue = [...id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % PALETTES.length;
  return (
    <div
      className={`${styles.cover} ${size === 'large' ? styles.large : ''}`}
      style={{ backgroundColor: PALETTES[hue] }}
      aria-hidden="true"
    >
      <span className={styles.title}>{title}</span>
      <span className={styles.author}>{author}</span>
    </div>
  );
}
