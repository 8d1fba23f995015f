import path from 'node:path';
import { startLogtoOss, type LogtoOss } from './logto-oss';
import { MissingPrerequisite } from './prerequisites';

/**
 * `npm run logto:oss`: a real Logto OSS on this machine (see README, "Testing against a real
 * Logto"). Prints its endpoint and M2M credentials as env lines on stdout, progress on stderr,
 * and keeps running until Ctrl-C, then stops what it started by pid.
 */
const repoRoot = path.resolve(__dirname, '../..');
const log = (line: string) => process.stderr.write(`logto:oss: ${line}\n`);

/** The env lines for `npm run test:logto` and `npm run logto:setup`. */
export function envLines(logto: Pick<LogtoOss, 'endpoint' | 'm2m' | 'smsRecord'>): string[] {
  return [
    `LOGTO_TEST_ENDPOINT=${logto.endpoint}`,
    `LOGTO_TEST_M2M_ID=${logto.m2m.id}`,
    `LOGTO_TEST_M2M_SECRET=${logto.m2m.secret}`,
    `LOGTO_TEST_SMS_RECORD=${logto.smsRecord}`,
    `LOGTO_ENDPOINT=${logto.endpoint}`,
    `LOGTO_M2M_APP_ID=${logto.m2m.id}`,
    `LOGTO_M2M_APP_SECRET=${logto.m2m.secret}`,
  ];
}

async function main(): Promise<number> {
  let logto: LogtoOss;
  try {
    logto = await startLogtoOss(repoRoot, log);
  } catch (error) {
    if (error instanceof MissingPrerequisite) {
      process.stderr.write(`logto:oss: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`${envLines(logto).join('\n')}\n`);
  log(`running; its log is ${logto.logFile}. Ctrl-C stops Logto and Postgres.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping Logto and Postgres');
  await logto.stop();
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`logto:oss: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
