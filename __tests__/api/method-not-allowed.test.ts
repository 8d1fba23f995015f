/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import health from '@/pages/api/health';
import { Browser, startNextApiServer, type NextApiServer } from '@bookstore/mock-logto/next-auth';

let app: NextApiServer;
beforeAll(async () => {
  app = await startNextApiServer({ '/api/health': health });
});
afterAll(() => app.close());

it('tells a caller using the wrong method which one it used and which ones to use instead', async () => {
  const response = await new Browser(app.origin).request('/api/health', { method: 'DELETE' });

  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('GET, HEAD');
  expect(JSON.parse(response.text)).toEqual({
    error: 'method_not_allowed',
    message: 'DELETE is not allowed here; use GET or HEAD.',
  });
});
