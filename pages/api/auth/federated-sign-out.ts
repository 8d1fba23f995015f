import { federatedSignOut } from '@/auth';

/**
 * POST: signs out here and at Logto (revokes the refresh token, ends the Logto session).
 * A static route: Next serves it before the `[...nextauth]` catch-all, and next-auth has no
 * action of this name.
 */
export default federatedSignOut;
