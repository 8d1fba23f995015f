import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../support/free-port';
import type { LogtoBuild } from './build';
import { runCommand } from './command';
import { stopProcess, waitUntil } from './process-control';

/** A running Logto core: the default tenant at `endpoint`, the admin tenant at `adminEndpoint`. */
export interface RunningLogto {
  /** `http://localhost:PORT`: OIDC at /oidc, the sign-in UI at /sign-in, the Management API at /api. */
  endpoint: string;
  adminEndpoint: string;
  pid: number;
  stop(): Promise<void>;
}

/** Creates Logto's schema and both tenants' data in an empty database (about 3 s). */
export async function seedDatabase(build: LogtoBuild, dbUrl: string): Promise<void> {
  await runCommand(build.node, ['packages/cli/bin/logto.js', 'db', 'seed', '--swe'], {
    cwd: build.root,
    env: { ...process.env, PATH: build.path, DB_URL: dbUrl, CI: 'true' },
    logFile: build.logFile,
  });
}

/**
 * Starts Logto core (`NODE_ENV=production node .` in packages/core) on two free ports of
 * 127.0.0.1 and resolves once OIDC discovery answers. `integrationTest` makes /api accept a
 * `development-user-id` header in place of a token, which only the first boot uses, to create
 * the machine-to-machine app (see provision.ts).
 */
export async function startLogto(
  build: LogtoBuild,
  dbUrl: string,
  options: { integrationTest: boolean; secretVaultKek: string; logFile: string },
): Promise<RunningLogto> {
  const [port, adminPort] = [await freePort(), await freePort()];
  const endpoint = `http://localhost:${port}`;
  const adminEndpoint = `http://localhost:${adminPort}`;
  const loopbackOnly = path.join(__dirname, 'loopback-only.mjs');
  const child = spawn(build.node, ['--import', pathToFileURL(loopbackOnly).href, '.'], {
    cwd: path.join(build.root, 'packages', 'core'),
    env: {
      ...process.env,
      PATH: build.path,
      NODE_ENV: 'production',
      DB_URL: dbUrl,
      PORT: String(port),
      ENDPOINT: endpoint,
      ADMIN_PORT: String(adminPort),
      ADMIN_ENDPOINT: adminEndpoint,
      TRUST_PROXY_HEADER: '1',
      SECRET_VAULT_KEK: options.secretVaultKek,
      INTEGRATION_TEST: String(options.integrationTest),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once('exit', () => log.end());
  const stop = () => stopProcess(child, 'SIGTERM');
  try {
    await waitUntil('Logto’s OIDC discovery', 120_000, async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Logto exited before it was ready; see ${options.logFile}:\n${tail}`);
      }
      try {
        const response = await fetch(`${endpoint}/oidc/.well-known/openid-configuration`);
        return response.ok;
      } catch {
        return false;
      }
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, adminEndpoint, pid: child.pid!, stop };
}

/** A key for Logto's secret vault (`SECRET_VAULT_KEK`): 32 random bytes, base64. */
export function newSecretVaultKek(): string {
  return randomBytes(32).toString('base64');
}
