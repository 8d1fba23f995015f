import { LogtoConfigError } from '../scripts/logto-config';
import { loadLocalConfig, LocalConfigError } from './config';
import { SmsConfigError } from './sms/sms-config-error';

/**
 * logto-local: a Logto-compatible OpenID provider for development and CI. Prints one
 * machine-readable line when ready: `logto-local ready at http://localhost:PORT/oidc`.
 * Refusals (production, a bad variable, a bad logto.config.json) come first, before the provider
 * and its dependencies are loaded.
 */
async function main(): Promise<void> {
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

main().catch((error: unknown) => {
  if (
    error instanceof LocalConfigError ||
    error instanceof SmsConfigError ||
    error instanceof LogtoConfigError
  ) {
    console.error(`logto-local: ${error.message}`);
  } else {
    console.error(`logto-local failed to start: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
