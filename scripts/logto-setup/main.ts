import { loadEnvConfig } from '@next/env';

import { runSetup } from './run-setup';

// Read .env and .env.local the way `next dev` does, so the credentials live where the app's do.
loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

runSetup({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`✗ logto:setup crashed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
