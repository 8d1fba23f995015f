import { spawn } from 'node:child_process';
import path from 'node:path';
import type { M2mApp } from '../../../scripts/logto-oss/provision';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Vonage credentials for the connector `npm run logto:setup` creates. Logto checks only their
 * shape; the suite never sends through Vonage (the mock SMS connector replaces it).
 */
const PLACEHOLDER_VONAGE = { VONAGE_API_KEY: 'suite-key', VONAGE_API_SECRET: 'suite-secret' };

/** How one `npm run logto:setup` ended. */
export interface SetupRun {
  code: number;
  output: string;
}

/**
 * Runs `npm run logto:setup` as a person does, against `endpoint` with the M2M app's
 * credentials, logto.config.json's `${APP_URL}` set to the app's URL, and `envFile` as the env file.
 */
export function runLogtoSetup(options: {
  endpoint: string;
  /**
   * The Logto that serves the sign-in pages, when `endpoint` is a proxy in front of it: the SMS
   * templates' WebOTP line names its host, so every run writes the same templates.
   */
  signInEndpoint?: string;
  m2m: M2mApp;
  appUrl: string;
  envFile: string;
  args?: string[];
  /** More variables, e.g. the SMTP connector's for a tenant file with email. */
  env?: Record<string, string>;
}): Promise<SetupRun> {
  const args = [
    'run',
    '--silent',
    'logto:setup',
    '--',
    '--write-env',
    options.envFile,
    ...(options.args ?? []),
  ];
  const child = spawn('npm', args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...PLACEHOLDER_VONAGE,
      LOGTO_ENDPOINT: options.endpoint,
      LOGTO_SIGN_IN_HOST: new URL(options.signInEndpoint ?? options.endpoint).hostname,
      LOGTO_M2M_APP_ID: options.m2m.id,
      LOGTO_M2M_APP_SECRET: options.m2m.secret,
      APP_URL: options.appUrl,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
