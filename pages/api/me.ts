import { withSession } from '@/auth';
import { toPublicUser } from '@/lib/auth/core/public-user';

/** The signed-in person: `{ id, name, email, image, phoneNumber, phoneNumberVerified }`. */
export default withSession(
  (_req, res, session) => {
    res.status(200).json(toPublicUser(session.user));
  },
  { methods: ['GET'] },
);
