import type { Middleware } from 'koa';
import { errors } from 'oidc-provider';
import { answerProtocolError } from './oidc-errors';

/**
 * The longest `state` logto-local accepts on the authorization and end-session endpoints. A relying
 * party's state is a short random value (next-auth's is 43 characters); oidc-provider stores what
 * it is given with the sign-in or sign-out in progress, so an unbounded one is unbounded storage.
 */
export const MAX_STATE_LENGTH = 2048;

/**
 * Refuses a `state` longer than {@link MAX_STATE_LENGTH} in the query, before oidc-provider stores
 * it (an Interaction for `/auth`, a Session for `/session/end`).
 */
export const capState: Middleware = async (ctx, next) => {
  const { state } = ctx.query;
  if (typeof state === 'string' && state.length > MAX_STATE_LENGTH) {
    return answerProtocolError(ctx, new errors.InvalidRequest(stateTooLong(state.length)));
  }
  return next();
};

/** The error description for a state over the limit. */
export function stateTooLong(length: number): string {
  return `state must be at most ${MAX_STATE_LENGTH} characters long (got ${length})`;
}
