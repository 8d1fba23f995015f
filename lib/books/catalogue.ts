/** One book in the catalogue; prices are kept per currency so each locale shows its own. */
export interface Book {
  id: string;
  title: string;
  author: string;
  year: number;
  pages: number;
  /** Prices in minor units: US cents and Japanese yen. */
  price: { USD: number; JPY: number };
  summary: string;
}

/** The catalogue; a real app would read it from a database. Public-domain classics. */
export const BOOKS: readonly Book[] = [
  {
    id: 'pride-and-prejudice',
    title: 'Pride and Prejudice',
    author: 'Jane Austen',
    year: 1813,
    pages: 432,
    price: { USD: 1299, JPY: 1980 },
    summary: 'Elizabeth Bennet and Mr Darcy misjudge each other, then slowly learn better.',
  },
  {
    id: 'moby-dick',
    title: 'Moby-Dick',
    author: 'Herman Melville',
    year: 1851,
    pages: 720,
    price: { USD: 1599, JPY: 2420 },
    summary: 'Captain Ahab hunts the white whale that took his leg.',
  },
  {
    id: 'kokoro',
    title: 'Kokoro',
    author: 'Natsume Sōseki',
    year: 1914,
    pages: 256,
    price: { USD: 1199, JPY: 1650 },
    summary: 'A student befriends an older man haunted by a secret from his youth.',
  },
  {
    id: 'frankenstein',
    title: 'Frankenstein',
    author: 'Mary Shelley',
    year: 1818,
    pages: 280,
    price: { USD: 999, JPY: 1430 },
    summary: 'A scientist gives life to a creature and flees from what he made.',
  },
  {
    id: 'the-tale-of-genji',
    title: 'The Tale of Genji',
    author: 'Murasaki Shikibu',
    year: 1010,
    pages: 1216,
    price: { USD: 2499, JPY: 3960 },
    summary: 'The life and loves of the shining prince at the Heian court.',
  },
  {
    id: 'war-and-peace',
    title: 'War and Peace',
    author: 'Leo Tolstoy',
    year: 1869,
    pages: 1296,
    price: { USD: 1899, JPY: 2970 },
    summary: 'Five families live through the Napoleonic invasion of Russia.',
  },
  {
    id: 'rashomon',
    title: 'Rashōmon and Other Stories',
    author: 'Ryūnosuke Akutagawa',
    year: 1915,
    pages: 128,
    price: { USD: 899, JPY: 1100 },
    summary: 'Short stories of doubt and survival in old Kyoto.',
  },
  {
    id: 'jane-eyre',
    title: 'Jane Eyre',
    author: 'Charlotte Brontë',
    year: 1847,
    pages: 532,
    price: { USD: 1199, JPY: 1760 },
    summary: 'An orphaned governess finds her own way, and love, at Thornfield Hall.',
  },
  {
    id: 'the-odyssey',
    title: 'The Odyssey',
    author: 'Homer',
    year: -700,
    pages: 560,
    price: { USD: 1099, JPY: 1540 },
    summary: 'Odysseus takes ten years to come home from Troy.',
  },
  {
    id: 'botchan',
    title: 'Botchan',
    author: 'Natsume Sōseki',
    year: 1906,
    pages: 176,
    price: { USD: 899, JPY: 990 },
    summary: 'A hot-headed young teacher takes on a provincial school.',
  },
  {
    id: 'middlemarch',
    title: 'Middlemarch',
    author: 'George Eliot',
    year: 1871,
    pages: 880,
    price: { USD: 1499, JPY: 2200 },
    summary: 'Lives and ambitions meet in a small English town.',
  },
  {
    id: 'the-count-of-monte-cristo',
    title: 'The Count of Monte Cristo',
    author: 'Alexandre Dumas',
    year: 1844,
    pages: 1276,
    price: { USD: 1799, JPY: 2640 },
    summary: 'Wrongly imprisoned, Edmond Dantès escapes and plans his revenge.',
  },
];

/** The currency a locale pays in: ja → JPY, everything else → USD. */
export function currencyForLocale(locale: string | undefined): 'USD' | 'JPY' {
  return locale?.startsWith('ja') ? 'JPY' : 'USD';
}

/** A book's price formatted for the locale, e.g. `$12.99` or `￥1,980`. */
export function formatPrice(book: Book, locale: string | undefined): string {
  const currency = currencyForLocale(locale);
  const amount = currency === 'USD' ? book.price.USD / 100 : book.price.JPY;
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    style: 'currency',
    currency,
  }).format(amount);
}

/** A book as the pages and the API show it: the price already in the person's currency. */
export interface BookListing extends Omit<Book, 'price'> {
  price: string;
}

/** Every book, priced for the locale. */
export function listBooks(locale: string | undefined): BookListing[] {
  return BOOKS.map((book) => toListing(book, locale));
}

/** One book priced for the locale, or null when no book has that id. */
export function findBook(id: string, locale: string | undefined): BookListing | null {
  const book = BOOKS.find((candidate) => candidate.id === id);
  return book ? toListing(book, locale) : null;
}

function toListing(book: Book, locale: string | undefined): BookListing {
  return { ...book, price: formatPrice(book, locale) };
}
