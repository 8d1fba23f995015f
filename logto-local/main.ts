import { LOCAL_TENANT } from '../logto-config/local-tenant';
import { LogtoConfigError } from '../logto-config';
import { loadLocalConfig, LocalConfigError } from './config';

/**
 * logto-local: a Logto-compatible OpenID provider for development and CI. Prints one
 * machine-readable line when ready: `logto-local ready at http://localhost:PORT/oidc`.
 * Refusals (production, a bad variable, a bad logto.config.json) come first, before the provider
 * and its dependencies are loaded.
 */
async function main(): Promise<void> {
  if (process.argv[2] === 'rotate-keys') {
    await rotateKeysOfRunningInstance();
    return;
  }
  if (process.env.NODE_ENV === 'production') {
    console.error(
      'logto-local refuses to start with NODE_ENV=production: it is a development and CI stand-in for Logto. ' +
        'Point AUTH_LOGTO_ISSUER at your Logto tenant instead.',
    );
    process.exit(1);
  }

  const config = loadLocalConfig(process.env);
  const { serveLogtoLocal } = await import('./start');
  await serveLogtoLocal(config);
}

/**
 * `npm run logto:local -- rotate-keys`: asks the running logto-local (LOGTO_LOCAL_PORT, default
 * 3001) to rotate its signing keys, as Logto Console's "Rotate private keys" does.
 */
async function rotateKeysOfRunningInstance(): Promise<void> {
  const port = process.env.LOGTO_LOCAL_PORT?.trim() || String(LOCAL_TENANT.port);
  const url = `http://localhost:${port}/dev/rotate-keys`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
  } catch {
    throw new Error(
      `nothing answered at ${url}. Start it with npm run dev or npm run logto:local.`,
    );
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}.`);
  const { kids } = (await response.json()) as { kids: string[] };
  console.log(
    `logto-local: now signing with ${kids[0]}; also publishing ${kids.slice(1).join(', ')}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof LocalConfigError || error instanceof LogtoConfigError) {
    console.error(`logto-local: ${error.message}`);
  } else {
    console.error(`logto-local failed to start: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
