import { existsSync } from 'node:fs';
import { sourcePath } from '../scripts/logto-oss/source';
import { MissingPrerequisite } from '../scripts/logto-oss/prerequisites';
import { MOCK_SMS_RECORD } from '../scripts/logto-oss/provision';

/** Which Logto the suite runs against. */
export type LogtoTarget =
  | {
      kind: 'given';
      endpoint: string;
      m2m: { id: string; secret: string };
      /** The mock SMS connector's file, on the machine where that Logto runs. */
      smsRecord: string;
    }
  | { kind: 'oss' };

const GIVEN = ['LOGTO_TEST_ENDPOINT', 'LOGTO_TEST_M2M_ID', 'LOGTO_TEST_M2M_SECRET'] as const;

/**
 * The Logto named by LOGTO_TEST_ENDPOINT and its M2M app (all three variables, or none), else one
 * built from LOGTO_SOURCE. Throws a one-line message when neither is given.
 */
export function logtoTarget(repoRoot: string, env = process.env): LogtoTarget {
  const set = GIVEN.filter((name) => env[name]?.trim());
  if (set.length > 0) {
    const missing = GIVEN.filter((name) => !env[name]?.trim());
    if (missing.length > 0) {
      throw new MissingPrerequisite(
        `${missing.join(' and ')} must be set with ${set.join(' and ')}: the suite needs the Logto endpoint and a machine-to-machine app with the Management API role.`,
      );
    }
    return {
      kind: 'given',
      endpoint: env.LOGTO_TEST_ENDPOINT!.trim().replace(/\/+$/, ''),
      m2m: { id: env.LOGTO_TEST_M2M_ID!.trim(), secret: env.LOGTO_TEST_M2M_SECRET!.trim() },
      smsRecord: env.LOGTO_TEST_SMS_RECORD?.trim() || MOCK_SMS_RECORD,
    };
  }
  const source = sourcePath(repoRoot, env);
  if (!source || !existsSync(source)) {
    throw new MissingPrerequisite(
      `No Logto to test against: set LOGTO_TEST_ENDPOINT, LOGTO_TEST_M2M_ID and LOGTO_TEST_M2M_SECRET, or LOGTO_SOURCE to a Logto OSS source tarball (${source ? `${source} does not exist` : 'LOGTO_SOURCE is not set'}).`,
    );
  }
  return { kind: 'oss' };
}
