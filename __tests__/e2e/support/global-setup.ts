import path from 'node:path';
import { assertChromiumInstalled } from '../../../support/chromium';
import { STACKS_VARIABLE } from './stack-urls';
import {
  PASSWORDS_TENANT_FILE,
  SHORT_ACCESS_TOKEN_TTL_SECONDS,
  SHORT_CODE_TTL_SECONDS,
  startStack,
  TEST_PHONE,
  type RunningStack,
  type StackName,
  type StackUrls,
} from './stacks';
import { startVonageStandIn } from './vonage-stand-in';

/**
 * Starts every server the scenarios need, once, in the Playwright main process, and returns the
 * teardown that stops them all by pid (Playwright calls it after the run, also when tests fail
 * or the run is interrupted). Test workers find the URLs in process.env[STACKS_VARIABLE].
 * @see https://playwright.dev/docs/test-global-setup-teardown#option-2-configure-globalsetup-and-globalteardown
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    await Promise.allSettled(stoppers.map((stop) => stop()));
  };
  try {
    const vonage = await startVonageStandIn();
    stoppers.push(vonage.stop);
    const testPhones = `${TEST_PHONE.e164}=${TEST_PHONE.code}`;
    // Every browser of the suite asks for codes from 127.0.0.1: one client IP, many people.
    const oneIpForEveryone = { LOGTO_LOCAL_IP_SEND_LIMIT: '1000' };
    const specs: Record<StackName, Record<string, string>> = {
      default: { LOGTO_LOCAL_TEST_PHONES: testPhones, ...oneIpForEveryone },
      shortCode: {
        LOGTO_LOCAL_CODE_TTL: String(SHORT_CODE_TTL_SECONDS),
        LOGTO_LOCAL_RESEND_COOLDOWN: String(SHORT_CODE_TTL_SECONDS + 1),
        ...oneIpForEveryone,
      },
      vonage: {
        ...oneIpForEveryone,
        VONAGE_API_KEY: 'e2e-test-key',
        VONAGE_API_SECRET: 'e2e-test-secret',
        VONAGE_BRAND_NAME: 'Bookstore',
        VONAGE_REST_HOST: vonage.url,
      },
      shortTokens: {
        LOGTO_LOCAL_ACCESS_TOKEN_TTL: String(SHORT_ACCESS_TOKEN_TTL_SECONDS),
        LOGTO_LOCAL_ID_TOKEN_TTL: String(SHORT_ACCESS_TOKEN_TTL_SECONDS),
        LOGTO_LOCAL_REFRESH_ROTATION: 'every-use',
      },
      passwords: {
        LOGTO_LOCAL_CONFIG: path.resolve(__dirname, '../../..', PASSWORDS_TENANT_FILE),
        // A reset sends a second code in the same sign-in; logto-local's own 59-second wait
        // between sends (tested by the send-limit suites) would only slow these scenarios down.
        LOGTO_LOCAL_RESEND_COOLDOWN: '0',
        ...oneIpForEveryone,
      },
      // Only sign-out-holds.spec.ts signs in here: it pauses this logto-local mid-scenario.
      outage: { ...oneIpForEveryone },
    };
    const names = Object.keys(specs) as StackName[];
    const results = await Promise.allSettled(names.map((name) => startStack(specs[name])));
    for (const result of results) {
      if (result.status === 'fulfilled') stoppers.push(result.value.stop);
    }
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const urls = Object.fromEntries(
      names.map((name, index) => {
        const stack = (results[index] as PromiseFulfilledResult<RunningStack>).value;
        return [name, name === 'vonage' ? { ...stack.urls, vonage: vonage.url } : stack.urls];
      }),
    ) as Record<StackName, StackUrls>;
    process.env[STACKS_VARIABLE] = JSON.stringify(urls);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
