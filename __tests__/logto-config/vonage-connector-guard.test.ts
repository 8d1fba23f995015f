/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import path from 'node:path';

import createVonageSmsConnector from '@logto/connector-vonage-sms';

import { loadLogtoConfig, toVonageConnectorConfig } from '@/logto-config';

// Only the connector's config guard is under test. Its Vonage SDK, which sends messages, pulls in a
// chain of ESM-only packages and is never called here.
jest.mock('@vonage/server-sdk', () => ({ Vonage: class {} }));

const REPO_CONFIG = path.resolve(__dirname, '../../logto.config.json');
const env = { VONAGE_API_KEY: 'vonagekey123', VONAGE_API_SECRET: 'vonageSecretValue9' };

// Logto's own Vonage connector package: its configGuard is what Logto checks a connector's config
// against when `logto:setup` creates or updates it.
async function vonageConfigGuard() {
  const connector = await createVonageSmsConnector({ getConfig: async () => ({}) });
  return connector.configGuard;
}

describe("logto.config.json's smsConnector against Logto's Vonage connector", () => {
  it("passes the connector package's own config guard", async () => {
    const guard = await vonageConfigGuard();
    const config = toVonageConnectorConfig(loadLogtoConfig({ path: REPO_CONFIG, env }));
    const result = guard.safeParse(config);
    expect(result.error?.issues).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('would be refused by the guard without the Generic template, as Logto requires it', async () => {
    const guard = await vonageConfigGuard();
    const config = toVonageConnectorConfig(loadLogtoConfig({ path: REPO_CONFIG, env }));
    const withoutGeneric = {
      ...config,
      templates: config.templates.filter((template) => template.usageType !== 'Generic'),
    };
    expect(guard.safeParse(withoutGeneric).success).toBe(false);
  });
});
