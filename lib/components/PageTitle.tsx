import Head from 'next/head';
import { useMessages } from '@/lib/i18n';

export interface PageTitleProps {
  /** The page's own name; the tab reads "<title> · Bookstore". */
  title: string;
}

/** Sets the document title, so each page is announced and bookmarked by its own name. */
export function PageTitle({ title }: PageTitleProps) {
  const t = useMessages();
  return (
    <Head>
      <title>{`${title} · ${t.app.name}`}</title>
    </Head>
  );
}
