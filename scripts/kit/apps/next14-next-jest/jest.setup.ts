// The route reads its Logto settings from the environment: in tests they name the mocked tenant.
import { MOCK_LOGTO } from '@bookstore/mock-logto';

process.env.LOGTO_ENDPOINT = MOCK_LOGTO.endpoint;
process.env.LOGTO_APP_ID = MOCK_LOGTO.clientId;
process.env.LOGTO_APP_SECRET = MOCK_LOGTO.clientSecret;
process.env.NEXTAUTH_SECRET = 'a-test-secret-that-is-long-enough-for-next-auth';
