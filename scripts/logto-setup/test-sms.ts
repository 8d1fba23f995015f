import { parsePhone } from '../../lib/phone';
import { toConnectorConfig } from './connector-step';
import type { LogtoConfig } from '../../logto-config';
import type { ManagementApi } from './management-api';
import { UsageError } from './args';

export const TEST_SMS_STEP = 'Test SMS';

/**
 * Validates the number for `--test-sms` up front (before touching the tenant) and returns the digits
 * Logto's test endpoint and Vonage expect: no `+`, no spaces.
 * @see https://gitlab.com/catamphetamine/libphonenumber-js#readme
 */
export function testSmsDigits(input: string): string {
  if (!input.trim().startsWith('+')) {
    throw new UsageError(
      `--test-sms needs an international number starting with + and the country code, like +819012345678 (got "${input}")`,
    );
  }
  const parsed = parsePhone(input);
  if (!parsed.ok) {
    throw new UsageError(
      `--test-sms "${input}" is not a valid phone number (${parsed.reason}); use the international format, like +819012345678`,
    );
  }
  return parsed.phone.digits;
}

/**
 * Sends a test message through the Vonage connector with the file's config.
 * @see https://openapi.logto.io/operation/operation-createconnectortest
 */
export async function sendTestSms(
  api: ManagementApi,
  config: LogtoConfig,
  digits: string,
): Promise<void> {
  const connectorConfig = toConnectorConfig(config);
  const factoryId = config.smsConnector.connectorId;
  await api.call(
    TEST_SMS_STEP,
    `POST /api/connectors/${factoryId}/test`,
    api.client.POST('/api/connectors/{factoryId}/test', {
      params: { path: { factoryId } },
      body: { phone: digits, config: connectorConfig },
    }),
  );
}
