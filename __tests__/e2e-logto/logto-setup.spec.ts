import { copyFileSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { expect, test } from '@playwright/test';
import { runLogtoSetup } from './support/logto-setup-cli';
import { startRecordingProxy } from './support/recording-proxy';
import { logtoSuite } from './support/suite';

/**
 * `npm run logto:setup` against the real Management API. Global setup already ran it once (it
 * created the application, the Vonage SMS connector and phone sign-in); these runs go through a
 * recording proxy, so the test sees every request it sends.
 */
const suite = logtoSuite();

/** Requests that change the tenant: anything but reading, and asking for the token. */
const writes = (requests: string[]) =>
  requests.filter((line) => !line.startsWith('GET ') && line !== 'POST /oidc/token');

async function runThroughProxy(args: string[], envFile: string) {
  const proxy = await startRecordingProxy(suite.logto);
  try {
    const run = await runLogtoSetup({
      endpoint: proxy.url,
      signInEndpoint: suite.logto,
      m2m: suite.m2m,
      appUrl: suite.app,
      envFile,
      args,
    });
    return { ...run, requests: [...proxy.requests] };
  } finally {
    await proxy.stop();
  }
}

test('a second logto:setup finds the tenant up to date and changes nothing', async ({}, testInfo) => {
  const envFile = testInfo.outputPath('.env.second-run');
  copyFileSync(suite.envFile, envFile);
  const run = await runThroughProxy([], envFile);
  await testInfo.attach('output', { body: run.output, contentType: 'text/plain' });
  expect(run.code, run.output).toBe(0);
  expect(run.requests).toContain('GET /api/applications');
  expect(writes(run.requests)).toEqual([]);
  // The application's credentials stay the same: no new app, no new secret.
  const before = parseEnv(readFileSync(suite.envFile, 'utf8'));
  const after = parseEnv(readFileSync(envFile, 'utf8'));
  expect(after.AUTH_LOGTO_ID).toBe(before.AUTH_LOGTO_ID);
  expect(after.AUTH_LOGTO_SECRET).toBe(before.AUTH_LOGTO_SECRET);
});

test('logto:setup --dry-run reads the tenant, changes nothing and leaves the env file alone', async ({}, testInfo) => {
  const envFile = testInfo.outputPath('.env.dry-run');
  copyFileSync(suite.envFile, envFile);
  const original = readFileSync(envFile, 'utf8');
  const run = await runThroughProxy(['--dry-run'], envFile);
  await testInfo.attach('output', { body: run.output, contentType: 'text/plain' });
  expect(run.code, run.output).toBe(0);
  expect(run.requests).toContain('GET /api/sign-in-exp');
  expect(writes(run.requests)).toEqual([]);
  expect(readFileSync(envFile, 'utf8')).toBe(original);
});
