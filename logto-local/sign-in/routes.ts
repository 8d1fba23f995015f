import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { CountryCode } from 'libphonenumber-js';
import type { LocalConfig } from '../config';
import { readForm } from '../form-body';
import { chooseLocale } from '../../lib/i18n/locales';
import { readSignInHints, type SignInHints } from '../logto-params';
import { maskPhoneForLog } from '../phone-for-log';
import { INTERACTION_PATH } from '../provider';
import type { TemplateUsageType } from '../../logto-config';
import type { SignInProgressStore } from '../store/sign-in-progress';
import type { UserStore } from '../store/users';
import { CODE_PATTERN, type VerificationCodes } from '../verification-codes';
import type { Locale } from '../../lib/i18n/locales';
import { messagesFor } from './messages';
import { renderCodePage, renderPhonePage, renderVerifiedPage, type PageNotice } from './pages';
import { displayPhone, parseSubmittedPhone, prefillFromLoginHint } from './phone-input';
import { guessRefusedAnswer, type CodeSender } from './send-code';

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

interface SignInDeps {
  provider: Provider;
  config: LocalConfig;
  users: UserStore;
  codes: VerificationCodes;
  progress: SignInProgressStore;
  /** Every code goes out through it, under the send limits (./send-code.ts). */
  sendCode: CodeSender;
  /** How SMS leave logto-local, for the dev notice on the code page. */
  smsVia: 'outbox' | 'vonage';
}

/**
 * The sign-in experience behind oidc-provider's `interactions.url`: phone → code → (create account)
 * → back to the app. Every step is a plain form post followed by a redirect, so it works without
 * JavaScript. The account is created only after the code is verified and the person confirms.
 * @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#user-flows
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in
 */
export function createSignInRouter(deps: SignInDeps): Router {
  const { provider, config, users, codes, progress, sendCode } = deps;
  const router = new Router({ prefix: INTERACTION_PATH });

  const pageContext = async (ctx: Context) => {
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

  const renderPhone = (
    ctx: Context,
    page: { details: InteractionDetails; hints: SignInHints; locale: Locale },
    status: number,
    notice?: PageNotice,
    typed?: { country: string; phone: string },
  ) => {
    const prefill = typed
      ? { country: typed.country as CountryCode, national: typed.phone }
      : prefillFromLoginHint(page.hints.loginHint, page.locale === 'ja' ? 'JP' : 'US');
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = renderPhonePage({
      uid: page.details.uid,
      locale: page.locale,
      appName: config.client.name,
      country: prefill.country,
      national: prefill.national,
      notice,
    });
  };

  const renderCode = (
    ctx: Context,
    page: { details: InteractionDetails; locale: Locale },
    phone: string,
    codeSentAt: number,
    status: number,
    notice?: PageNotice,
  ) => {
    const elapsed = Math.floor((Date.now() - codeSentAt) / 1000);
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = renderCodePage({
      uid: page.details.uid,
      locale: page.locale,
      phoneDisplay: displayPhone(phone),
      resendInSeconds: Math.max(0, config.codes.resendCooldown - elapsed),
      notice,
      devNotice: codes.isTestPhone(phone)
        ? 'test-phone'
        : deps.smsVia === 'outbox'
          ? 'outbox'
          : undefined,
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

  const usageFor = (hints: SignInHints): TemplateUsageType =>
    config.signIn.phoneSignUp &&
    (hints.firstScreen === 'register' || hints.firstScreen === 'identifier:register')
      ? 'Register'
      : 'SignIn';

  /** With phone sign-up off (logto.config.json), an unknown number goes back to the phone page. */
  const refuseSignUp = (ctx: Context, page: Parameters<typeof renderPhone>[1], phone: string) => {
    progress.clear(page.details.uid);
    renderPhone(ctx, page, 403, {
      kind: 'error',
      text: messagesFor(page.locale).signUpClosed(displayPhone(phone)),
    });
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
    if (state?.step === 'verified') {
      ctx.type = 'html';
      ctx.body = renderVerifiedPage({
        uid: details.uid,
        locale: page.locale,
        phoneDisplay: displayPhone(state.phone),
        hasAccount: !!users.findByPhone(state.phone),
      });
      return;
    }
    if (state?.step === 'code') {
      const notice: PageNotice | undefined =
        ctx.query.notice === 'resent'
          ? { kind: 'info', text: page.t.resent(displayPhone(state.phone)) }
          : undefined;
      renderCode(ctx, page, state.phone, state.codeSentAt, 200, notice);
      return;
    }
    renderPhone(ctx, page, 200);
  });

  router.post('/:uid/phone', async (ctx) => {
    const page = await pageContext(ctx);
    const form = await readForm(ctx);
    const typed = { country: form.get('country') ?? '', phone: form.get('phone') ?? '' };
    const parsed = parseSubmittedPhone(typed.country, typed.phone, config.testPhones);
    if (!parsed.ok) {
      renderPhone(
        ctx,
        page,
        400,
        { kind: 'error', text: page.t.phoneErrors[parsed.reason] },
        typed,
      );
      return;
    }
    const sent = await sendCode({
      interactionUid: page.details.uid,
      phone: parsed.e164,
      usageType: usageFor(page.hints),
      locale: page.locale,
      clientIp: ctx.ip,
    });
    if (!sent.ok) {
      if (sent.retryAfter) ctx.set('Retry-After', String(sent.retryAfter));
      renderPhone(ctx, page, sent.status, { kind: 'error', text: sent.message }, typed);
      return;
    }
    progress.save(page.details.uid, { phone: parsed.e164, step: 'code', codeSentAt: Date.now() });
    ctx.status = 303;
    ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
  });

  router.post('/:uid/resend', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    if (state?.step !== 'code') {
      ctx.status = 303;
      ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
      return;
    }
    const sent = await sendCode({
      interactionUid: page.details.uid,
      phone: state.phone,
      usageType: usageFor(page.hints),
      locale: page.locale,
      clientIp: ctx.ip,
    });
    if (!sent.ok) {
      if (sent.retryAfter) ctx.set('Retry-After', String(sent.retryAfter));
      renderCode(ctx, page, state.phone, state.codeSentAt, sent.status, {
        kind: 'error',
        text: sent.message,
      });
      return;
    }
    progress.save(page.details.uid, { ...state, codeSentAt: Date.now() });
    ctx.status = 303;
    ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}?notice=resent`);
  });

  router.post('/:uid/code', async (ctx) => {
    const page = await pageContext(ctx);
    const form = await readForm(ctx);
    const state = progress.get(page.details.uid);
    if (state?.step !== 'code') {
      ctx.status = 303;
      ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
      return;
    }
    const typed = (form.get('code') ?? '').replace(/\s/g, '');
    const fail = (text: string) =>
      renderCode(ctx, page, state.phone, state.codeSentAt, 400, { kind: 'error', text });
    if (!CODE_PATTERN.test(typed)) return fail(page.t.codeFormat);
    const check = codes.check(page.details.uid, state.phone, typed, ctx.ip);
    switch (check.result) {
      case 'identifier-locked':
      case 'client-limited': {
        const locked = guessRefusedAnswer(check, page.locale);
        ctx.set('Retry-After', String(locked.retryAfter));
        renderCode(ctx, page, state.phone, state.codeSentAt, locked.status, {
          kind: 'error',
          text: locked.message,
        });
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
    const user = users.findByPhone(state.phone);
    if (user && usageFor(page.hints) === 'SignIn') {
      await finishSignIn(ctx, page.details, user.id);
      return;
    }
    // Registering a number that has an account: Logto says so and offers to sign in instead.
    if (user) {
      progress.save(page.details.uid, { ...state, step: 'verified' });
      ctx.status = 303;
      ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
      return;
    }
    if (!config.signIn.phoneSignUp) return refuseSignUp(ctx, page, state.phone);
    // Logto offers an unknown number registration with the code it already verified.
    progress.save(page.details.uid, { ...state, step: 'verified' });
    ctx.status = 303;
    ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
  });

  router.post('/:uid/register', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    if (state?.step !== 'verified') {
      ctx.status = 303;
      ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
      return;
    }
    if (!config.signIn.phoneSignUp) return refuseSignUp(ctx, page, state.phone);
    if (users.findByPhone(state.phone)) {
      // The number got an account meanwhile: show the existing-account page, never a duplicate.
      ctx.status = 303;
      ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
      return;
    }
    const user = users.createWithPhone(state.phone);
    console.log(`logto-local: created account ${user.id} for ${maskPhoneForLog(state.phone)}`);
    await finishSignIn(ctx, page.details, user.id);
  });

  // "Sign in" on the existing-account page: the verified number's account, with no new code.
  router.post('/:uid/sign-in', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    const user = state?.step === 'verified' ? users.findByPhone(state.phone) : undefined;
    if (!user) {
      ctx.status = 303;
      ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
      return;
    }
    await finishSignIn(ctx, page.details, user.id);
  });

  router.post('/:uid/restart', async (ctx) => {
    const page = await pageContext(ctx);
    progress.clear(page.details.uid);
    ctx.status = 303;
    ctx.redirect(`${INTERACTION_PATH}/${page.details.uid}`);
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

  return router;
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
