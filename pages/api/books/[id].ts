import { withSession } from '@/auth';
import { findBook } from '@/lib/books/catalogue';
import { localeForApiRequest } from '@/lib/books/locale';

/** One book, priced for `?locale=` or Accept-Language; 404 JSON for an unknown id. */
export default withSession(
  (req, res) => {
    const choice = localeForApiRequest(req.query.locale, req.headers['accept-language']);
    if (!choice.ok) return res.status(400).json({ error: 'bad_locale', message: choice.message });
    const id = String(req.query.id);
    const book = findBook(id, choice.locale);
    if (!book) {
      return res.status(404).json({ error: 'not_found', message: `No book has the id "${id}".` });
    }
    res.status(200).json({ locale: choice.locale, book });
  },
  { methods: ['GET'] },
);
