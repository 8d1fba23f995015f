/**
 * Drives logto-local's sign-in pages the way a browser without JavaScript does: plain GETs and
 * form posts with a cookie jar, following redirects until the app's callback.
 */

interface StoredCookie {
  value: string;
  path: string;
}

/** A minimal cookie jar: enough for logto-local's path-scoped interaction and session cookies. */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const separator = pair!.indexOf('=');
      const name = pair!.slice(0, separator).trim();
      const value = pair!.slice(separator + 1).trim();
      const pathAttribute = attributes.find((item) =>
        item.trim().toLowerCase().startsWith('path='),
      );
      const cookiePath = pathAttribute ? pathAttribute.trim().slice(5) : '/';
      const expired =
        attributes.some((item) => /expires=Thu, 01 Jan 1970/i.test(item)) || value === '';
      const key = `${name};${cookiePath}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { value, path: cookiePath });
    }
  }

  headerFor(url: URL): string {
    return [...this.#cookies.entries()]
      .filter(([, cookie]) => url.pathname.startsWith(cookie.path))
      .map(([key, cookie]) => `${key.split(';')[0]}=${cookie.value}`)
      .join('; ');
  }
}

/** One request with the jar's cookies, never following redirects. */
export async function request(
  jar: CookieJar,
  url: string | URL,
  init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Response> {
  const target = new URL(url);
  const headers: Record<string, string> = { ...init.headers };
  const cookie = jar.headerFor(target);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(target, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    headers,
    body,
    redirect: 'manual',
  });
  jar.store(response);
  return response;
}

/** Follows redirects from `url` while they stay on `origin`; returns the last response and its URL. */
export async function follow(
  jar: CookieJar,
  url: string | URL,
  origin: string,
  init: Parameters<typeof request>[2] = {},
): Promise<{ response: Response; url: URL; body: string }> {
  let current = new URL(url);
  let response = await request(jar, current, init);
  for (let hops = 0; hops < 10; hops += 1) {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) break;
    const next = new URL(location, current);
    if (next.origin !== origin) return { response, url: next, body: '' };
    current = next;
    response = await request(jar, current);
  }
  return { response, url: current, body: await response.text() };
}

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
  jar?: CookieJar;
}

/**
 * Signs in through the phone and code pages and returns the redirect to the app's callback
 * (`…/api/auth/callback/logto?code&state&iss`). Throws with the page text when a step fails.
 */
export async function signInByPhone(
  options: PhoneSignInOptions,
): Promise<{ callbackUrl: URL; jar: CookieJar }> {
  const jar = options.jar ?? new CookieJar();
  const origin = new URL(options.authorizationUrl).origin;
  let step = await follow(jar, options.authorizationUrl, origin);
  const postedSteps: string[] = [];
  for (let round = 0; round < 6; round += 1) {
    if (step.url.origin !== origin) return { callbackUrl: step.url, jar };
    const phoneAction = formAction(step.body, step.url, 'phone');
    const codeAction = formAction(step.body, step.url, 'code');
    const registerAction = formAction(step.body, step.url, 'register');
    // The existing-account page (the number got an account while this sign-in was on "create
    // account", e.g. in a parallel sign-in): a person clicks "Sign in".
    const signInAction = formAction(step.body, step.url, 'sign-in');
    if (phoneAction && !postedSteps.includes('phone')) {
      postedSteps.push('phone');
      step = await follow(jar, phoneAction, origin, {
        form: { country: '', phone: options.phone },
      });
    } else if (codeAction && !postedSteps.includes('code')) {
      postedSteps.push('code');
      const code = await options.readCode(options.phone);
      step = await follow(jar, codeAction, origin, { form: { code } });
    } else if (
      registerAction &&
      options.createAccount !== false &&
      !postedSteps.includes('register')
    ) {
      postedSteps.push('register');
      step = await follow(jar, registerAction, origin, { form: {} });
    } else if (signInAction && !postedSteps.includes('sign-in')) {
      postedSteps.push('sign-in');
      step = await follow(jar, signInAction, origin, { form: {} });
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
