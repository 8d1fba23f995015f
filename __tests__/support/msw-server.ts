/**
 * One MSW server per test file, failing loudly on any request no handler answers, and reset
 * after each test so per-test `server.use(...)` overrides stay small.
 */
import { setupServer } from 'msw/node';
import type { RequestHandler } from 'msw';

export function setupTestServer(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
