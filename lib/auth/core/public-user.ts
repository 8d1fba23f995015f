import type { Session } from 'next-auth';

/** The person as `/api/me` shows them: the session's user fields, nothing else. */
type PublicUser = Pick<
  Session['user'],
  'id' | 'name' | 'email' | 'image' | 'phoneNumber' | 'phoneNumberVerified'
>;

/**
 * Copies only the public fields, so whatever else lands on `session.user` later never leaks
 * into an API response.
 */
export function toPublicUser(user: Session['user']): PublicUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    image: user.image,
    phoneNumber: user.phoneNumber,
    phoneNumberVerified: user.phoneNumberVerified,
  };
}
