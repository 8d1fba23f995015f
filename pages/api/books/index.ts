import { withSession } from '@/auth';
import { listBooks } from '@/lib/books/catalogue';
import { localeForApiRequest } from '@/lib/books/locale';

/** The catalogue, priced for `?locale=` or Accept-Language; signed-in people only. */
export default withSession(
  (req, res) => {
    const choice = localeForApiRequest(req.query.locale, req.headers['accept-language']);
    if (!choice.ok) return res.status(400).json({ error: 'bad_locale', message: choice.message });
    res.status(200).json({ locale: choice.locale, books: listBooks(choice.locale) });
  },
  { methods: ['GET'] },
);
