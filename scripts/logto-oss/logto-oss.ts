import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadLogtoConfig } from '../../logto-config';
import { cacheRoot, ensureBuild } from './build';
import { seedDatabase, startLogto, newSecretVaultKek } from './logto-server';
import { startPostgres } from './postgres';
import { MissingPrerequisite } from './prerequisites';
import {
  asM2mApp,
  createM2mApp,
  managementClient,
  installMockSmsConnector,
  MOCK_SMS_RECORD,
  type M2mApp,
} from './provision';
import { readSource, sourcePath } from './source';

/** A real Logto OSS on this machine, ready for the suite. */
export interface LogtoOss {
  /** `http://localhost:PORT`, the default tenant. */
  endpoint: string;
  m2m: M2mApp;
  /** The file the mock SMS connector writes each code to. */
  smsRecord: string;
  /** Logto's and Postgres's output. */
  logFile: string;
  /** Stops Logto, then Postgres, each by its pid, and deletes the database. */
  stop(): Promise<void>;
}

const M2M_APP_NAME = 'Bookstore suite';

/**
 * Builds Logto OSS from LOGTO_SOURCE unless the cache has it, then
 * starts a throwaway Postgres, seeds it, starts Logto on free ports, and provisions the M2M app
 * and the mock SMS connector. Throws {@link MissingPrerequisite} for a missing tool or source.
 */
export async function startLogtoOss(
  repoRoot: string,
  log: (line: string) => void,
): Promise<LogtoOss> {
  const tarball = sourcePath(repoRoot);
  if (!tarball) {
    throw new MissingPrerequisite(
      'No Logto source: set LOGTO_SOURCE to a Logto OSS source tarball (.tar.gz) of v1.42.0, e.g. a GitHub archive of logto-io/logto.',
    );
  }
  const source = await readSource(tarball);
  const build = await ensureBuild(source, log);
  const runDir = path.join(cacheRoot(), 'runs');
  mkdirSync(runDir, { recursive: true });
  const logFile = path.join(runDir, `logto-${process.pid}.log`);

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    stoppers.length = 0;
  };
  try {
    log('starting Postgres');
    const postgres = await startPostgres(logFile);
    stoppers.push(postgres.stop);
    log(`Postgres is up (pid ${postgres.pid}); seeding Logto's database`);
    await seedDatabase(build, postgres.url);
    const secretVaultKek = newSecretVaultKek();

    // No Management API token exists yet. Logto's integration-test mode accepts a
    // development-user-id header instead: boot once in it to create the M2M app, then restart
    // in the normal mode, where only that app's token opens /api.
    log('starting Logto once to create the machine-to-machine app');
    const bootstrap = await startLogto(build, postgres.url, {
      integrationTest: true,
      secretVaultKek,
      logFile,
    });
    let m2m: M2mApp;
    try {
      m2m = await createM2mApp(
        managementClient(bootstrap.endpoint, { developmentUserId: 'bookstore-logto-oss' }),
        M2M_APP_NAME,
      );
    } finally {
      await bootstrap.stop();
    }

    const logto = await startLogto(build, postgres.url, {
      integrationTest: false,
      secretVaultKek,
      logFile,
    });
    stoppers.push(logto.stop);
    log(`Logto is up at ${logto.endpoint} (pid ${logto.pid}); adding the mock SMS connector`);
    const config = loadLogtoConfig({
      path: path.join(repoRoot, 'logto.config.json'),
      env: process.env,
    });
    await installMockSmsConnector(
      await asM2mApp(logto.endpoint, m2m),
      config.smsConnector.templates,
    );
    return { endpoint: logto.endpoint, m2m, smsRecord: MOCK_SMS_RECORD, logFile, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
