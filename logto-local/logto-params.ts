/** Logto's extra authorization parameters, as understood by the sign-in pages. */
export interface SignInHints {
  firstScreen?: FirstScreen;
  identifiers?: string[];
  loginHint?: string;
  /** The first of `ui_locales` that logto-local speaks. */
  locale?: 'en' | 'ja';
  directSignIn?: string;
}

export type FirstScreen =
  | 'sign_in'
  | 'register'
  | 'reset_password'
  | 'identifier:sign_in'
  | 'identifier:register'
  | 'single_sign_on';

/** Logto-specific parameters oidc-provider must let through to the interaction. */
export const LOGTO_EXTRA_PARAMS = ['first_screen', 'identifier', 'direct_sign_in'] as const;

const FIRST_SCREENS = new Set<string>([
  'sign_in',
  'register',
  'reset_password',
  'identifier:sign_in',
  'identifier:register',
  'single_sign_on',
]);
const IDENTIFIERS = new Set(['username', 'email', 'phone']);
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const DIRECT_SIGN_IN = /^(social|sso|method):[A-Za-z0-9_-]+$/;
const MAX_HINT_LENGTH = 256;

/**
 * Reads `first_screen`, `identifier`, `login_hint`, `ui_locales` and `direct_sign_in`. Logto
 * validates them as one object: a single invalid value (e.g. `identifier:sign-in`) makes it ignore
 * all of them, so this returns `{}` in that case.
 * @see https://docs.logto.io/end-user-flows/authentication-parameters
 */
export function readSignInHints(params: Record<string, unknown>): SignInHints {
  const hints: SignInHints = {};
  const text = (name: string): string | undefined | null => {
    const value = params[name];
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'string' ? value : null;
  };

  const firstScreen = text('first_screen');
  const identifier = text('identifier');
  const loginHint = text('login_hint');
  const uiLocales = text('ui_locales');
  const directSignIn = text('direct_sign_in');
  if ([firstScreen, identifier, loginHint, uiLocales, directSignIn].includes(null)) return {};

  if (firstScreen !== undefined) {
    if (!FIRST_SCREENS.has(firstScreen!)) return {};
    hints.firstScreen = firstScreen as FirstScreen;
  }
  if (identifier !== undefined) {
    const identifiers = identifier!.split(' ').filter(Boolean);
    if (identifiers.length === 0 || !identifiers.every((item) => IDENTIFIERS.has(item))) return {};
    hints.identifiers = identifiers;
  }
  if (loginHint !== undefined) {
    if (loginHint!.length > MAX_HINT_LENGTH) return {};
    hints.loginHint = loginHint!;
  }
  if (uiLocales !== undefined) {
    const tags = uiLocales!.split(' ').filter(Boolean);
    if (!tags.every((tag) => LANGUAGE_TAG.test(tag))) return {};
    const spoken = tags.map(toSpokenLocale).find((locale) => locale !== undefined);
    if (spoken) hints.locale = spoken;
  }
  if (directSignIn !== undefined) {
    if (!DIRECT_SIGN_IN.test(directSignIn!)) return {};
    hints.directSignIn = directSignIn!;
  }
  return hints;
}

function toSpokenLocale(tag: string): 'en' | 'ja' | undefined {
  const language = tag.toLowerCase().split('-')[0];
  return language === 'ja' || language === 'en' ? language : undefined;
}

/** Picks the page language: `ui_locales` first, then the browser's Accept-Language, then English. */
export function chooseLocale(hints: SignInHints, acceptLanguage: string | undefined): 'en' | 'ja' {
  if (hints.locale) return hints.locale;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('ja') ? 'ja' : 'en';
}
