import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { CountryCode } from 'libphonenumber-js';
import type { LocalConfig } from '../config';
import { readForm } from '../form-body';
import { chooseLocale } from '../../lib/i18n/locales';
import { readSignInHints, type SignInHints } from '../logto-params';
import type { GuessBounds } from '../passwords/rules';
import { maskIdentifierForLog } from '../email/mask';
import { EMAIL_PATTERN, emailMessagesFor } from '../email/messages';
import { addPasswordRoutes } from '../passwords/routes';
import { passwordMessagesFor } from '../passwords/messages';
import { INTERACTION_PATH } from '../provider';
import type { TemplateUsageType } from '../../logto-config';
import type { SignInFlow, SignInProgress, SignInProgressStore } from '../store/sign-in-progress';
import { normalizeEmail, type UserStore } from '../store/users';
import { CODE_PATTERN, type VerificationCodes } from '../verification-codes';
import type { Locale } from '../../lib/i18n/locales';
import { messagesFor } from './messages';
import {
  renderCodePage,
  renderEmailPage,
  renderPhonePage,
  renderVerifiedPage,
  type PageNotice,
} from './pages';
import { countryNotAllowedMessage } from './allowlist-messages';
import type { Identifier } from './rules';
import { displayPhone, parseSubmittedPhone, prefillFromLoginHint } from './phone-input';
import { guessRefusedAnswer, type CodeSender } from './send-code';

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

interface SignInDeps {
  provider: Provider;
  config: LocalConfig;
  users: UserStore;
  codes: VerificationCodes;
  progress: SignInProgressStore;
  /** The lockout and the per-client cap that wrong passwords count towards, as wrong codes do. */
  guesses: GuessBounds;
  /** Every code goes out through it, under the send limits (./send-code.ts). */
  sendCode: CodeSender;
  /** How SMS leave logto-local, for the dev notice on the code page. */
  smsVia: 'outbox' | 'vonage';
  /** How emails leave logto-local, when the tenant has an email connector. */
  emailVia?: 'outbox' | 'smtp';
}

/** The template each flow's codes use, as Logto picks them. */
const USAGE_BY_FLOW: Record<SignInFlow, TemplateUsageType> = {
  'sign-in': 'SignIn',
  register: 'Register',
  reset: 'ForgotPassword',
};

/** A page of the flow, with what every handler needs to answer it. */
export interface FlowPage {
  details: InteractionDetails;
  hints: SignInHints;
  locale: Locale;
  t: ReturnType<typeof messagesFor>;
}

/** An email has an `@`; a phone number in E.164 never does. */
export const kindOf = (identifier: string): Identifier =>
  identifier.includes('@') ? 'email' : 'phone';

/** How a page names an identifier: a phone the way people read it, an email as it is. */
export const displayIdentifier = (identifier: string): string =>
  kindOf(identifier) === 'email' ? identifier : displayPhone(identifier);

/**
 * The sign-in experience behind oidc-provider's `interactions.url`, in Logto's flows: sign in
 * (identifier → code or password → back to the app, an unknown identifier offered an account),
 * register (identifier → code → "Create a password" when sign-up asks for one) and reset
 * (identifier → code → new password → sign in). Phone first; email where the tenant takes it.
 * Every step is a plain form post followed by a redirect, so it works without JavaScript. An
 * account is created only after its identifier is verified and the person confirms.
 * @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#user-flows
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in
 */
export function createSignInRouter(deps: SignInDeps): Router {
  const { provider, config, users, codes, progress, sendCode } = deps;
  const rules = config.signIn;
  const router = new Router({ prefix: INTERACTION_PATH });
  const here = (uid: string, query = '') => `${INTERACTION_PATH}/${uid}${query}`;

  const pageContext = async (ctx: Context): Promise<FlowPage> => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== ctx.params.uid) {
      throw Object.assign(new Error('interaction mismatch'), { name: 'SessionNotFound' });
    }
    const hints = readSignInHints(details.params);
    const locale = chooseLocale({
      uiLocales: hints.uiLocales,
      acceptLanguage: ctx.get('accept-language'),
    });
    return { details, hints, locale, t: messagesFor(locale) };
  };

  /** The identifiers a flow takes: sign-in methods, sign-up identifiers or reset methods. */
  const identifiersFor = (flow: SignInFlow): Identifier[] => {
    if (flow === 'reset') return rules.resetWith;
    if (flow === 'register') return rules.signUpWith;
    return (['phone', 'email'] as const).filter((kind) => rules.methods[kind] !== undefined);
  };

  /** The flow an interaction starts in, from first_screen, as far as this tenant has it. */
  const flowFromHints = (hints: SignInHints): SignInFlow => {
    if (hints.firstScreen === 'reset_password' && rules.resetWith.length > 0) return 'reset';
    const register =
      hints.firstScreen === 'register' || hints.firstScreen === 'identifier:register';
    return register && rules.signUpWith.length > 0 ? 'register' : 'sign-in';
  };

  const readFlow = (value: unknown): SignInFlow | undefined =>
    value === 'sign-in' || value === 'register' || value === 'reset' ? value : undefined;

  const renderIdentify = (
    ctx: Context,
    page: FlowPage,
    options: {
      flow: SignInFlow;
      status?: number;
      notice?: PageNotice;
      /** What to prefill: an E.164 number or an email. */
      prefill?: string;
      /** What was typed into the phone form, shown again with an error. */
      typed?: { country: string; phone: string };
      kind?: Identifier;
    },
  ) => {
    const { flow } = options;
    const taken = identifiersFor(flow);
    // What to prefill: the identifier of this sign-in so far, else Logto's login_hint.
    const prefill = options.prefill ?? page.hints.loginHint;
    const wanted =
      options.kind ??
      (prefill?.includes('@') ||
      (page.hints.identifiers?.[0] === 'email' && !page.hints.identifiers.includes('phone'))
        ? 'email'
        : 'phone');
    const kind = taken.includes(wanted) ? wanted : (taken[0] ?? 'phone');
    const other = (target: Identifier) =>
      taken.includes(target) && target !== kind
        ? here(page.details.uid, `?flow=${flow}&with=${target}`)
        : undefined;
    ctx.status = options.status ?? 200;
    ctx.type = 'html';
    if (kind === 'email') {
      ctx.body = renderEmailPage({
        uid: page.details.uid,
        locale: page.locale,
        appName: config.client.name,
        email: prefill?.includes('@') ? prefill : '',
        notice: options.notice,
        flow,
        phoneHref: other('phone'),
      });
      return;
    }
    const phone = options.typed
      ? { country: options.typed.country as CountryCode, national: options.typed.phone }
      : prefillFromLoginHint(prefill, defaultCountry(page.locale, config.phoneCountries));
    ctx.body = renderPhonePage({
      uid: page.details.uid,
      locale: page.locale,
      appName: config.client.name,
      country: phone.country,
      national: phone.national,
      notice: options.notice,
      flow,
      emailHref: other('email'),
      countries: config.phoneCountries,
    });
  };

  const renderCode = (
    ctx: Context,
    page: FlowPage,
    state: SignInProgress,
    status: number,
    notice?: PageNotice,
  ) => {
    const elapsed = Math.floor((Date.now() - state.codeSentAt) / 1000);
    const byEmail = kindOf(state.phone) === 'email';
    const method = rules.methods[kindOf(state.phone)];
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = renderCodePage({
      uid: page.details.uid,
      locale: page.locale,
      phoneDisplay: displayIdentifier(state.phone),
      resendInSeconds: Math.max(0, config.codes.resendCooldown - elapsed),
      notice,
      devNotice: codes.isTestPhone(state.phone)
        ? 'test-phone'
        : byEmail
          ? deps.emailVia === 'outbox'
            ? 'email-outbox'
            : undefined
          : deps.smsVia === 'outbox'
            ? 'outbox'
            : undefined,
      usePassword: state.flow === 'sign-in' && method?.password === true,
    });
  };

  const finishSignIn = async (ctx: Context, details: InteractionDetails, accountId: string) => {
    const grantId = await saveGrant(provider, details, accountId);
    const result: InteractionResults = { login: { accountId }, consent: { grantId } };
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: false,
    });
    progress.clear(details.uid);
    codes.forget(details.uid);
    ctx.status = 303;
    ctx.redirect(returnTo);
  };

  const redirectHere = (ctx: Context, uid: string, query = '') => {
    ctx.status = 303;
    ctx.redirect(here(uid, query));
  };

  /** With sign-up closed for this identifier, an unknown one goes back to the identifier page. */
  const refuseSignUp = (ctx: Context, page: FlowPage, identifier: string) => {
    progress.clear(page.details.uid);
    const text =
      kindOf(identifier) === 'email'
        ? emailMessagesFor(page.locale).signUpClosed(identifier)
        : page.t.signUpClosed(displayPhone(identifier));
    renderIdentify(ctx, page, {
      flow: 'sign-in',
      status: 403,
      notice: { kind: 'error', text },
      prefill: identifier,
    });
  };

  /**
   * The identifier is known to be well formed: a sign-in whose method puts the password first
   * (or has no code) asks for it; every other flow sends a code with the flow's template.
   */
  const startWith = async (
    ctx: Context,
    page: FlowPage,
    identifier: string,
    flow: SignInFlow,
    onError: (status: number, notice: PageNotice) => void,
    /** "Sign in with verification code" on the password page: a code, whatever comes first. */
    codeAsked = false,
  ) => {
    const uid = page.details.uid;
    const method = rules.methods[kindOf(identifier)];
    if (
      !codeAsked &&
      flow === 'sign-in' &&
      method?.password &&
      (method.isPasswordPrimary || !method.verificationCode)
    ) {
      progress.save(uid, { phone: identifier, step: 'password', flow, codeSentAt: 0 });
      return redirectHere(ctx, uid);
    }
    const sent = await sendCode({
      interactionUid: uid,
      phone: identifier,
      usageType: USAGE_BY_FLOW[flow],
      locale: page.locale,
      clientIp: ctx.ip,
    });
    if (!sent.ok) {
      if (sent.retryAfter) ctx.set('Retry-After', String(sent.retryAfter));
      return onError(sent.status, { kind: 'error', text: sent.message });
    }
    progress.save(uid, { phone: identifier, step: 'code', flow, codeSentAt: Date.now() });
    redirectHere(ctx, uid);
  };

  /**
   * The flow an identifier page posted: its hidden field, else the flow the interaction is in
   * (a "Forgot your password?" or the first screen); undefined when this tenant does not take
   * that identifier in it.
   */
  const postedFlow = (
    form: URLSearchParams,
    kind: Identifier,
    page: FlowPage,
  ): SignInFlow | undefined => {
    const state = progress.get(page.details.uid);
    const flow = form.has('flow')
      ? readFlow(form.get('flow'))
      : state?.step === 'identify'
        ? state.flow
        : flowFromHints(page.hints);
    return flow && identifiersFor(flow).includes(kind) ? flow : undefined;
  };

  router.get('/:uid', async (ctx) => {
    const page = await pageContext(ctx);
    const { details } = page;
    if (details.prompt.name === 'consent') {
      // Bookstore is a first-party app: Logto grants consent without a screen.
      await finishSignIn(ctx, details, String(details.session?.accountId));
      return;
    }
    const state = progress.get(details.uid);
    const identifierDisplay = state ? displayIdentifier(state.phone) : '';
    switch (state?.step) {
      case 'verified': {
        ctx.type = 'html';
        ctx.body = renderVerifiedPage({
          uid: details.uid,
          locale: page.locale,
          phoneDisplay: identifierDisplay,
          hasAccount: !!users.findByIdentifier(state.phone),
        });
        return;
      }
      case 'code': {
        const notice: PageNotice | undefined =
          ctx.query.notice === 'resent'
            ? { kind: 'info', text: page.t.resent(identifierDisplay) }
            : undefined;
        renderCode(ctx, page, state, 200, notice);
        return;
      }
      case 'password':
      case 'create-password':
      case 'new-password':
        renderPasswordStep(ctx, page, state, 200);
        return;
    }
    if (!state) logFirstScreen(details.params, page.hints);
    const flow = readFlow(ctx.query.flow) ?? state?.flow ?? flowFromHints(page.hints);
    const kind =
      ctx.query.with === 'email' || ctx.query.with === 'phone' ? ctx.query.with : undefined;
    renderIdentify(ctx, page, {
      flow,
      kind,
      prefill: kind === undefined || kind === kindOf(state?.phone ?? '') ? state?.phone : undefined,
      notice:
        ctx.query.notice === 'password-changed'
          ? { kind: 'info', text: passwordMessagesFor(page.locale).passwordChanged }
          : undefined,
    });
  });

  router.post('/:uid/phone', async (ctx) => {
    const page = await pageContext(ctx);
    const form = await readForm(ctx);
    const typed = { country: form.get('country') ?? '', phone: form.get('phone') ?? '' };
    const flow = postedFlow(form, 'phone', page);
    if (!flow) {
      renderIdentify(ctx, page, {
        flow: 'sign-in',
        status: 400,
        notice: { kind: 'error', text: emailMessagesFor(page.locale).notEnabled },
      });
      return;
    }
    const again = (status: number, notice: PageNotice) =>
      renderIdentify(ctx, page, { flow, status, notice, typed, kind: 'phone' });
    const parsed = parseSubmittedPhone(
      typed.country,
      typed.phone,
      config.testPhones,
      config.phoneCountries,
    );
    if (!parsed.ok) {
      const text =
        parsed.reason === 'country_not_allowed'
          ? countryNotAllowedMessage(page.locale, config.phoneCountries ?? [])
          : page.t.phoneErrors[parsed.reason];
      return again(400, { kind: 'error', text });
    }
    await startWith(ctx, page, parsed.e164, flow, again);
  });

  router.post('/:uid/email', async (ctx) => {
    const page = await pageContext(ctx);
    const form = await readForm(ctx);
    const typed = (form.get('email') ?? '').trim();
    const flow = postedFlow(form, 'email', page);
    const e = emailMessagesFor(page.locale);
    if (!flow) {
      renderIdentify(ctx, page, {
        flow: 'sign-in',
        status: 400,
        notice: { kind: 'error', text: e.notEnabled },
      });
      return;
    }
    const again = (status: number, notice: PageNotice) =>
      renderIdentify(ctx, page, { flow, status, notice, prefill: typed, kind: 'email' });
    if (typed.length > 254 || !EMAIL_PATTERN.test(typed)) {
      return again(400, { kind: 'error', text: e.emailInvalid });
    }
    await startWith(ctx, page, normalizeEmail(typed), flow, again);
  });

  router.post('/:uid/resend', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    if (state?.step !== 'code') return redirectHere(ctx, page.details.uid);
    const sent = await sendCode({
      interactionUid: page.details.uid,
      phone: state.phone,
      usageType: USAGE_BY_FLOW[state.flow],
      locale: page.locale,
      clientIp: ctx.ip,
    });
    if (!sent.ok) {
      if (sent.retryAfter) ctx.set('Retry-After', String(sent.retryAfter));
      renderCode(ctx, page, state, sent.status, { kind: 'error', text: sent.message });
      return;
    }
    progress.save(page.details.uid, { ...state, codeSentAt: Date.now() });
    redirectHere(ctx, page.details.uid, '?notice=resent');
  });

  router.post('/:uid/code', async (ctx) => {
    const page = await pageContext(ctx);
    const form = await readForm(ctx);
    const uid = page.details.uid;
    const state = progress.get(uid);
    if (state?.step !== 'code') return redirectHere(ctx, uid);
    const typed = (form.get('code') ?? '').replace(/\s/g, '');
    const fail = (text: string) => renderCode(ctx, page, state, 400, { kind: 'error', text });
    if (!CODE_PATTERN.test(typed)) return fail(page.t.codeFormat);
    const check = codes.check(uid, state.phone, typed, ctx.ip);
    switch (check.result) {
      case 'identifier-locked':
      case 'client-limited': {
        const locked = guessRefusedAnswer(check, page.locale);
        ctx.set('Retry-After', String(locked.retryAfter));
        renderCode(ctx, page, state, locked.status, { kind: 'error', text: locked.message });
        return;
      }
      case 'wrong':
        return fail(page.t.codeWrong(check.remaining));
      case 'locked':
        return fail(page.t.codeLocked);
      case 'expired':
        return fail(page.t.codeExpired);
      case 'missing':
        return fail(page.t.codeMissing);
    }
    const user = users.findByIdentifier(state.phone);
    if (state.flow === 'reset') {
      if (!user) {
        progress.clear(uid);
        const text = passwordMessagesFor(page.locale).resetNoAccount(
          displayIdentifier(state.phone),
        );
        renderIdentify(ctx, page, {
          flow: 'reset',
          status: 404,
          notice: { kind: 'error', text },
          prefill: state.phone,
        });
        return;
      }
      progress.save(uid, { ...state, step: 'new-password' });
      return redirectHere(ctx, uid);
    }
    if (user && state.flow === 'sign-in') {
      await finishSignIn(ctx, page.details, user.id);
      return;
    }
    // Registering an identifier that has an account: Logto says so and offers to sign in instead.
    if (!user && !rules.signUpWith.includes(kindOf(state.phone))) {
      return refuseSignUp(ctx, page, state.phone);
    }
    // Logto offers an unknown identifier registration with the code it already verified.
    progress.save(uid, { ...state, step: 'verified' });
    redirectHere(ctx, uid);
  });

  router.post('/:uid/register', async (ctx) => {
    const page = await pageContext(ctx);
    const uid = page.details.uid;
    const state = progress.get(uid);
    if (state?.step !== 'verified') return redirectHere(ctx, uid);
    if (!rules.signUpWith.includes(kindOf(state.phone))) {
      return refuseSignUp(ctx, page, state.phone);
    }
    // The identifier got an account meanwhile: show the existing-account page, never a duplicate.
    if (users.findByIdentifier(state.phone)) return redirectHere(ctx, uid);
    if (rules.passwordAtSignUp) {
      progress.save(uid, { ...state, step: 'create-password' });
      return redirectHere(ctx, uid);
    }
    const user = users.createWithIdentifier(state.phone);
    console.log(`logto-local: created account ${user.id} for ${maskIdentifierForLog(state.phone)}`);
    await finishSignIn(ctx, page.details, user.id);
  });

  // "Sign in" on the existing-account page: the verified identifier's account, with no new code.
  router.post('/:uid/sign-in', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    const user = state?.step === 'verified' ? users.findByIdentifier(state.phone) : undefined;
    if (!user) return redirectHere(ctx, page.details.uid);
    await finishSignIn(ctx, page.details, user.id);
  });

  router.post('/:uid/restart', async (ctx) => {
    const page = await pageContext(ctx);
    progress.clear(page.details.uid);
    redirectHere(ctx, page.details.uid);
  });

  router.post('/:uid/abort', async (ctx) => {
    const page = await pageContext(ctx);
    progress.clear(page.details.uid);
    codes.forget(page.details.uid);
    const returnTo = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { error: 'access_denied', error_description: 'The person cancelled the sign-in.' },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  });

  const renderPasswordStep = addPasswordRoutes(router, {
    config,
    users,
    progress,
    guesses: deps.guesses,
    pageContext,
    finishSignIn,
    redirectHere,
    startWith,
    renderCodeAgain: renderCode,
  });

  return router;
}

/** The country the phone page starts on: the locale's, or the allowlist's first when it leaves that out. */
function defaultCountry(
  locale: Locale,
  allowlist: readonly CountryCode[] | undefined,
): CountryCode {
  const fromLocale: CountryCode = locale === 'ja' ? 'JP' : 'US';
  return allowlist === undefined || allowlist.includes(fromLocale)
    ? fromLocale
    : (allowlist[0] ?? fromLocale);
}

/**
 * Says in the log what Logto does with a first screen logto-local has no page for: an invalid
 * `first_screen` makes Logto ignore every extra parameter (so does logto-local), and
 * `single_sign_on` needs enterprise SSO, which only a real Logto has.
 * @see https://docs.logto.io/end-user-flows/authentication-parameters/first-screen
 */
function logFirstScreen(params: Record<string, unknown>, hints: SignInHints): void {
  const raw = params.first_screen;
  if (typeof raw === 'string' && raw !== '' && hints.firstScreen === undefined) {
    console.log(
      `logto-local: first_screen=${JSON.stringify(raw.slice(0, 64))} is not one Logto knows, so, like Logto, logto-local ignores every sign-in parameter of this request (login_hint, identifier, ui_locales, …) and shows the sign-in page`,
    );
  } else if (hints.firstScreen === 'single_sign_on') {
    console.log(
      'logto-local: first_screen=single_sign_on opens enterprise SSO on Logto, which logto-local does not have; showing the sign-in page (run the real Logto with npm run logto:oss for SSO)',
    );
  }
}

/** Grants everything the first-party app asked for, as Logto does without a consent screen. */
async function saveGrant(
  provider: Provider,
  details: InteractionDetails,
  accountId: string,
): Promise<string> {
  const clientId = String(details.params.client_id);
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant =
    existing && existing.accountId === accountId
      ? existing
      : new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  const missingClaims = details.prompt.details.missingOIDCClaims;
  if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims as string[]);
  const missingResourceScopes = details.prompt.details.missingResourceScopes;
  if (missingResourceScopes && typeof missingResourceScopes === 'object') {
    for (const [indicator, scopes] of Object.entries(
      missingResourceScopes as Record<string, string[]>,
    )) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  return grant.save();
}
