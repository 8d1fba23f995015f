import type { LocalConfig } from './config';
import { allowedHosts } from './host-allowlist';
import { listenOnLoopback } from './listen';
import { createLocalApp } from './local-app';
import { openDatabase } from './store/database';
import { createPurge } from './store/purge';
import { describeSignIn } from './sign-in/describe';

/**
 * Opens the database, wires logto-local (./local-app.ts) and starts listening. Kept apart from
 * main.ts, which imports it only once the configuration is known to be good: a refused start then
 * costs no load of oidc-provider, Koa or the Vonage SDK.
 */
export async function serveLogtoLocal(config: LocalConfig): Promise<void> {
  const db = openDatabase(config.dataDir);
  const listener = await listenOnLoopback(config.port);
  const issuer = config.issuerOverride ?? `http://localhost:${listener.port}/oidc`;
  const hosts = allowedHosts(listener.port, issuer);
  const app = await createLocalApp({ config, db, issuer, hosts });
  listener.setHandler(app.handle);
  const stopPurge = createPurge(db, { sendWindowSeconds: config.codes.sendWindow }).start(
    config.purgeInterval,
  );

  const stop = async () => {
    stopPurge();
    await listener.close();
    db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  console.log(
    `logto-local: tenant from ${config.configFile}; SMS via ${app.smsVia}${app.emailVia ? `; email via ${app.emailVia}` : ''}; data in ${config.dataDir}; app ${config.appUrl}`,
  );
  for (const line of describeSignIn(config)) console.log(`logto-local: ${line}`);
  console.log(`logto-local ready at ${issuer}`);
}
