import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadLogtoConfig } from '../../logto-config';
import {
  asM2mApp,
  dataOf,
  MOCK_SMS_CONNECTOR_ID,
  installMockSmsConnector,
} from '../../scripts/logto-oss/provision';
import { logtoSuite } from './support/suite';

/**
 * Puts Logto's mock SMS connector in the place of the Vonage connector that logto:setup
 * configured, with the same templates, so the scenarios read each code from its file.
 */
test('the mock SMS connector stands in for Vonage', async () => {
  const suite = logtoSuite();
  const api = await asM2mApp(suite.logto, suite.m2m);
  const config = loadLogtoConfig({
    path: path.resolve(__dirname, '../../logto.config.json'),
    env: process.env,
  });
  await installMockSmsConnector(api, config.smsConnector.templates);
  const connectors = await dataOf('GET /api/connectors', api.GET('/api/connectors'));
  expect(
    connectors.filter((connector) => connector.type === 'Sms').map((c) => c.connectorId),
  ).toEqual([MOCK_SMS_CONNECTOR_ID]);
});
