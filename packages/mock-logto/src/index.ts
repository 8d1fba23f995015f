/**
 * `@bookstore/mock-logto`: a Logto tenant mocked with MSW, with real ES384 keys and knobs for
 * every way a provider misbehaves, and fixtures for people who sign in by phone.
 * The NextAuth v4 driver is `@bookstore/mock-logto/next-auth`.
 */
export {
  createMockLogto,
  MockLogto,
  MOCK_LOGTO,
  type ApproveOptions,
  type ClaimOverrides,
  type MockLogtoOptions,
  type TokenSet,
} from './mock-logto.js';
export type { ClientAuthentication, LogtoEndpoint, SentRequest } from './request-log.js';
export { createSigningKey, type IdTokenAlg, type SigningKey } from './signing-keys.js';
export {
  logtoPhoneNumber,
  logtoUser,
  phoneUsers,
  type IdTokenClaims,
  type LogtoUser,
} from './users.js';
