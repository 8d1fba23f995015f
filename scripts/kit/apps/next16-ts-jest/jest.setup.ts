// The route reads its Logto settings from the environment: in tests they name the mocked tenant.
import { MOCK_LOGTO } from '@bookstore/mock-logto';

process.env.AUTH_LOGTO_ISSUER = MOCK_LOGTO.issuer;
process.env.AUTH_LOGTO_ID = MOCK_LOGTO.clientId;
process.env.AUTH_LOGTO_SECRET = MOCK_LOGTO.clientSecret;
process.env.NEXTAUTH_SECRET = 'a-test-secret-that-is-long-enough-for-next-auth';
