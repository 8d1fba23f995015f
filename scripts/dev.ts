import { loadEnvConfig } from '@next/env';
import type { ConcurrentlyCommandInput } from 'concurrently';
import { LOCAL_TENANT } from '../logto-config/local-tenant';
import { DEFAULT_DEV_HOST, DevHostError, devHost } from './dev-host';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What `npm run dev` starts: the app, and logto-local when the app's issuer is logto-local. */
export interface DevPlan {
  /** null when AUTH_LOGTO_ISSUER points at a real Logto tenant. */
  logtoLocal: { port: string; discoveryUrl: string } | null;
  /** The address `next dev` listens on. */
  appHost: string;
  commands: ConcurrentlyCommandInput[];
}

/**
 * Decides from env (.env.local included) whether logto-local is needed: it is when
 * AUTH_LOGTO_ISSUER is unset or a loopback `/oidc` URL; its port then comes from that URL. The app
 * waits for logto-local's discovery document before starting, because next-auth fetches it on the
 * first sign-in. The app listens on 127.0.0.1 unless DEV_HOST says otherwise (./dev-host.ts);
 * throws a DevHostError when that would expose the published development secret.
 * @see ../README.md#configuration
 */
export function planDevProcesses(env: Record<string, string | undefined>): DevPlan {
  const issuer = new URL(env.AUTH_LOGTO_ISSUER?.trim() || LOCAL_TENANT.issuer);
  const isLocal =
    LOOPBACK_HOSTS.has(issuer.hostname) && issuer.pathname.replace(/\/$/, '') === '/oidc';
  // next-auth reads NEXTAUTH_URL itself; the app's default is the one logto-local's registered
  // redirect URIs expect, so both agree without the app writing to process.env.
  const appHost = devHost(env);
  const nextDev = `next dev -H ${appHost}`;
  const app: ConcurrentlyCommandInput = {
    command: nextDev,
    name: 'app',
    prefixColor: 'cyan',
    env: { NEXTAUTH_URL: env.NEXTAUTH_URL?.trim() || LOCAL_TENANT.appUrl },
  };
  if (!isLocal) return { logtoLocal: null, appHost, commands: [app] };

  const port = issuer.port || (issuer.protocol === 'https:' ? '443' : '80');
  const discoveryUrl = `http-get://127.0.0.1:${port}/oidc/.well-known/openid-configuration`;
  return {
    logtoLocal: { port, discoveryUrl },
    appHost,
    commands: [
      {
        command: 'tsx logto-local/main.ts',
        name: 'logto',
        prefixColor: 'magenta',
        env: {
          LOGTO_LOCAL_PORT: port,
          ...(env.NEXTAUTH_URL ? { LOGTO_LOCAL_APP_URL: env.NEXTAUTH_URL } : {}),
        },
      },
      { ...app, command: `wait-on --timeout 60000 ${discoveryUrl} && ${nextDev}` },
    ],
  };
}

async function main() {
  // concurrently is ESM-only; loading it here keeps planDevProcesses importable from Jest.
  const { default: concurrently } = await import('concurrently');
  loadEnvConfig(process.cwd(), true);
  let plan: DevPlan;
  try {
    plan = planDevProcesses(process.env);
  } catch (error) {
    if (!(error instanceof DevHostError)) throw error;
    console.error(`dev: ${error.message}`);
    process.exit(1);
  }
  if (plan.logtoLocal) {
    console.log(
      `dev: starting logto-local on port ${plan.logtoLocal.port} and the app (codes appear below and at http://localhost:${plan.logtoLocal.port}/dev/sms)`,
    );
    if (plan.appHost !== DEFAULT_DEV_HOST) {
      console.log(
        `dev: the app listens on ${plan.appHost}, but logto-local stays on loopback: other devices can open the app, not sign in through logto-local (README: "A demo on your network")`,
      );
    }
  } else {
    console.log(
      `dev: AUTH_LOGTO_ISSUER is ${process.env.AUTH_LOGTO_ISSUER}; starting only the app`,
    );
  }
  // concurrently forwards SIGINT/SIGTERM/SIGHUP to both children; when one stops, the other is stopped too.
  const { result } = concurrently(plan.commands, {
    prefix: 'name',
    killOthersOn: ['failure', 'success'],
    handleInput: false,
  });
  result.then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

if (require.main === module) void main();
