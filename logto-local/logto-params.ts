/** Logto's extra authorization parameters, as understood by the sign-in pages. */
export interface SignInHints {
  firstScreen?: FirstScreen;
  identifiers?: string[];
  loginHint?: string;
  /** `ui_locales` as given: space-separated language tags, read by chooseLocale (lib/i18n). */
  uiLocales?: string;
  directSignIn?: string;
}

export type FirstScreen =
  | 'sign_in'
  | 'register'
  | 'reset_password'
  | 'identifier:sign_in'
  | 'identifier:register'
  | 'single_sign_on';

/**
 * The nine extra parameters Logto reads from an authorization request (login_hint and ui_locales
 * are standard; oidc-provider must be told to keep the other seven). logto-local acts on
 * first_screen, interaction_mode, identifier, login_hint and ui_locales; organization_id,
 * one_time_token, direct_sign_in and google_one_tap_credential are accepted and left to a real
 * Logto (see the README's table).
 * @see https://github.com/logto-io/logto/blob/master/packages/schemas/src/consts/oidc.ts
 */
export const LOGTO_EXTRA_PARAMS = [
  'interaction_mode',
  'first_screen',
  'direct_sign_in',
  'organization_id',
  'identifier',
  'one_time_token',
  'google_one_tap_credential',
] as const;

const FIRST_SCREENS = new Set<string>([
  'sign_in',
  'register',
  'reset_password',
  'identifier:sign_in',
  'identifier:register',
  'single_sign_on',
]);
// Logto still accepts the camel-case first screen it used to document.
const DEPRECATED_FIRST_SCREENS: Record<string, FirstScreen> = { signIn: 'sign_in' };
// `interaction_mode`, first_screen's deprecated predecessor, used when first_screen is absent.
const INTERACTION_MODES: Record<string, FirstScreen> = { signIn: 'sign_in', signUp: 'register' };
const IDENTIFIERS = new Set(['username', 'email', 'phone']);

/**
 * Reads Logto's extra parameters as Logto does: they are checked as one object whose only
 * constrained fields are `first_screen` and `interaction_mode`, so an invalid value there makes it
 * ignore all of them. Every other value is a free string: unknown identifiers and language tags
 * are skipped one by one, and a login_hint of any length prefills the form.
 * @see https://github.com/logto-io/logto/blob/master/packages/core/src/oidc/init.ts (extraParams)
 * @see https://docs.logto.io/end-user-flows/authentication-parameters
 */
export function readSignInHints(params: Record<string, unknown>): SignInHints {
  const text = (name: string): string | undefined | null => {
    const value = params[name];
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'string' ? value : null;
  };
  const values = {
    firstScreen: text('first_screen'),
    interactionMode: text('interaction_mode'),
    identifier: text('identifier'),
    loginHint: text('login_hint'),
    uiLocales: text('ui_locales'),
    directSignIn: text('direct_sign_in'),
    organizationId: text('organization_id'),
    oneTimeToken: text('one_time_token'),
    googleOneTap: text('google_one_tap_credential'),
  };
  if (Object.values(values).includes(null)) return {};
  const { firstScreen, interactionMode, identifier, loginHint, uiLocales, directSignIn } = values;
  if (
    firstScreen != null &&
    !FIRST_SCREENS.has(firstScreen) &&
    !(firstScreen in DEPRECATED_FIRST_SCREENS)
  ) {
    return {};
  }
  if (interactionMode != null && !(interactionMode in INTERACTION_MODES)) return {};

  const hints: SignInHints = {};
  const screen =
    firstScreen == null
      ? interactionMode == null
        ? undefined
        : INTERACTION_MODES[interactionMode]
      : (DEPRECATED_FIRST_SCREENS[firstScreen] ?? (firstScreen as FirstScreen));
  if (screen !== undefined) hints.firstScreen = screen;
  const identifiers = identifier?.split(' ').filter((item) => IDENTIFIERS.has(item)) ?? [];
  if (identifiers.length > 0) hints.identifiers = identifiers;
  if (loginHint != null) hints.loginHint = loginHint;
  if (uiLocales != null) hints.uiLocales = uiLocales;
  if (directSignIn != null) hints.directSignIn = directSignIn;
  return hints;
}
