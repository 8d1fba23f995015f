import type { BaseClient } from 'openid-client';
import { startLogtoLocal, type LogtoLocalProcess } from '../../../support/logto-local-process';
import { bookstoreClient } from '../../../support/relying-party';

/**
 * One logto-local for a whole test file, started before its first test and stopped after its
 * last, with openid-client configured as the app configures it. Read `logto` and `client` inside
 * the tests, once they exist.
 */
export function oneLogtoLocalPerFile(env: Record<string, string> = {}) {
  const local = {} as { logto: LogtoLocalProcess; client: BaseClient };
  beforeAll(async () => {
    local.logto = await startLogtoLocal(env);
    local.client = await bookstoreClient(local.logto);
  });
  afterAll(async () => {
    await local.logto?.stop();
  });
  return local;
}
