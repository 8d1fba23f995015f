import { withSession } from '@/lib/auth/server';
import { toPublicUser } from '@/lib/auth/public-user';

/** The signed-in person: `{ id, name, email, image, phoneNumber, phoneNumberVerified }`. */
export default withSession(
  (_req, res, session) => {
    res.status(200).json(toPublicUser(session.user));
  },
  { methods: ['GET'] },
);
