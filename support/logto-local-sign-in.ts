/**
 * Drives logto-local's sign-in pages the way a browser without JavaScript does: plain GETs and
 * form posts with the cookie-jar `Browser` of @bookstore/mock-logto, following redirects until
 * the app's callback.
 */
import { Browser } from '@bookstore/mock-logto/next-auth';

/** The `action` of the form on a page whose action ends with `/step`, as an absolute URL. */
export function formAction(html: string, base: URL, step: string): URL | undefined {
  const match = new RegExp(`action="([^"]*/${step})"`).exec(html);
  return match ? new URL(match[1]!, base) : undefined;
}

export interface PhoneSignInOptions {
  /** The authorization URL the RP built (`{issuer}/auth?...`). */
  authorizationUrl: string;
  /** E.164, e.g. `+819012345678`. */
  phone: string;
  /** Returns the code that was sent to `phone` (e.g. from the dev outbox, or a test number's fixed code). */
  readCode: (phone: string) => Promise<string>;
  /** Confirm account creation when the number is unknown (default true). */
  createAccount?: boolean;
  /** A browser on logto-local's origin, e.g. one already signed in there; a fresh one by default. */
  browser?: Browser;
}

/**
 * Signs in through the phone and code pages and returns the redirect to the app's callback
 * (`…/api/auth/callback/logto?code&state&iss`). Throws with the page text when a step fails.
 */
export async function signInByPhone(
  options: PhoneSignInOptions,
): Promise<{ callbackUrl: URL; browser: Browser }> {
  const origin = new URL(options.authorizationUrl).origin;
  const browser = options.browser ?? new Browser(origin);
  let step = await browser.follow(options.authorizationUrl);
  const postedSteps: string[] = [];
  for (let round = 0; round < 6; round += 1) {
    if (step.url.origin !== origin) return { callbackUrl: step.url, browser };
    const phoneAction = formAction(step.body, step.url, 'phone');
    const codeAction = formAction(step.body, step.url, 'code');
    const registerAction = formAction(step.body, step.url, 'register');
    // The existing-account page (the number got an account while this sign-in was on "create
    // account", e.g. in a parallel sign-in): a person clicks "Sign in".
    const signInAction = formAction(step.body, step.url, 'sign-in');
    if (phoneAction && !postedSteps.includes('phone')) {
      postedSteps.push('phone');
      step = await browser.follow(phoneAction, { form: { country: '', phone: options.phone } });
    } else if (codeAction && !postedSteps.includes('code')) {
      postedSteps.push('code');
      const code = await options.readCode(options.phone);
      step = await browser.follow(codeAction, { form: { code } });
    } else if (
      registerAction &&
      options.createAccount !== false &&
      !postedSteps.includes('register')
    ) {
      postedSteps.push('register');
      step = await browser.follow(registerAction, { form: {} });
    } else if (signInAction && !postedSteps.includes('sign-in')) {
      postedSteps.push('sign-in');
      step = await browser.follow(signInAction, { form: {} });
    } else {
      break;
    }
  }
  throw new Error(
    `sign-in did not reach the app (status ${step.response.status} at ${step.url.href}):\n${step.body.slice(0, 2000)}`,
  );
}

/** Reads the newest code sent to `phone` from a logto-local outbox reader. */
export function codeFromOutbox(readOutbox: () => Promise<{ to: string; code: string }[]>) {
  return async (phone: string): Promise<string> => {
    const entry = (await readOutbox()).find((item) => item.to === phone || `+${item.to}` === phone);
    if (!entry) throw new Error(`no code in the outbox for ${phone}`);
    return entry.code;
  };
}
