import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startLogtoLocal, type LogtoLocalProcess } from '../../support/logto-local-process';
import { onInterrupt, runCommand, stopGroup } from './run-command';

/** The session secret of every app the matrix starts. */
export const SECRET = 'bookstore-compat-secret-bookstore-compat-secret';
/** The client logto-local seeds from logto.config.json. */
const CLIENT = { AUTH_LOGTO_ID: 'bookstore-local', AUTH_LOGTO_SECRET: 'bookstore-local-secret' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment a child gets: this one, minus any auth settings of the person running it. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
  for (const name of ['NEXTAUTH_URL', 'NEXTAUTH_SECRET', 'AUTH_SECRET', 'NODE_ENV']) {
    if (!(name in extra)) delete env[name];
  }
  for (const name of Object.keys(env)) {
    if (name.startsWith('AUTH_LOGTO_') && !(name in extra)) delete env[name];
  }
  return env;
}

function nextBin(dir: string): string {
  return path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next');
}

/** `next build` in `dir` with the project's Node and no auth configuration, as CI builds. */
export async function buildApp(dir: string, logFile: string): Promise<boolean> {
  const code = await runCommand(process.execPath, [nextBin(dir), 'build'], {
    cwd: dir,
    env: cleanEnv({}),
    logFile,
    timeoutMs: 15 * 60_000,
  });
  return code === 0;
}

/** A started app and the logto-local it signs in with. */
export interface Stack {
  /** The app's own URL (NEXTAUTH_URL): `http://localhost:<port>`. */
  appUrl: string;
  logto: LogtoLocalProcess;
  stop(): Promise<void>;
  /**
   * A deploy: stops the app (logto-local keeps running, with its sessions and grants), runs
   * `between` (a move and a rebuild), then starts the app again at the same URL.
   */
  redeploy(between: () => Promise<void>): Promise<void>;
}

/** Polls until the app answers, or its process exits. */
async function waitForApp(origin: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  const exited = () => app.exitCode !== null || app.signalCode !== null;
  while (Date.now() < deadline && !exited()) {
    try {
      const response = await fetch(`${origin}/api/auth/csrf`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(exited() ? 'next start exited' : 'next start did not answer in time');
}

/**
 * Starts a fresh logto-local (with `logtoEnv`, e.g. short access tokens) and `next start` in
 * `dir` on free loopback ports, configured for each other (and with `appEnv`, e.g. `REDIS_URL`).
 * `stop()` ends both by their pids; so does an interrupted run.
 */
export async function startStack(
  dir: string,
  logFile: string,
  logtoEnv: Record<string, string>,
  appEnv: Record<string, string> = {},
): Promise<Stack> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  let app: ChildProcess | undefined;
  let logto: LogtoLocalProcess | undefined;
  const stopApp = async () => {
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      stopGroup(app.pid);
      await exited;
    }
  };
  const stop = async () => {
    await stopApp();
    await logto?.stop();
  };
  const startApp = async (issuer: string) => {
    app = spawn(process.execPath, [nextBin(dir), 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: dir,
      env: cleanEnv({
        ...appEnv,
        ...CLIENT,
        AUTH_LOGTO_ISSUER: issuer,
        NEXTAUTH_URL: appUrl,
        NEXTAUTH_SECRET: SECRET,
      }),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
    app.stderr!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
    await waitForApp(`http://127.0.0.1:${port}`, app);
  };
  const forget = onInterrupt(stop);
  try {
    logto = await startLogtoLocal({ ...logtoEnv, LOGTO_LOCAL_APP_URL: appUrl });
    await startApp(logto.issuer);
  } catch (error) {
    forget();
    await stop();
    throw error;
  }
  return {
    appUrl,
    logto,
    async stop() {
      forget();
      await stop();
    },
    async redeploy(between) {
      await stopApp();
      await between();
      await startApp(logto.issuer);
    },
  };
}
