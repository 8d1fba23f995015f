/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/core/session-shape';

it('keeps a session for 14 days, the life of a Logto refresh token, under both versions', () => {
  expect(SESSION_MAX_AGE_SECONDS).toBe(14 * 86_400);
});
