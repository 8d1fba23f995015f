import Link from 'next/link';
import { PageTitle } from '@/lib/components/PageTitle';
import { useMessages } from '@/lib/i18n';

/** Unknown pages and unknown book ids (`notFound: true`) land here, in the page's language. */
export default function NotFoundPage() {
  const t = useMessages();
  return (
    <div className="panel">
      <PageTitle title={t.notFound.title} />
      <h1>{t.notFound.heading}</h1>
      <p>{t.notFound.body}</p>
      <Link href="/books" className="button button-primary">
        {t.notFound.backToBooks}
      </Link>
    </div>
  );
}
