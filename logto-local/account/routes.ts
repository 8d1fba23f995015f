import Router from '@koa/router';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { chooseLocale, type Locale } from '../../lib/i18n/locales';
import type { LocalConfig } from '../config';
import { readForm } from '../form-body';
import { messagesFor } from '../sign-in/messages';
import type { PageNotice } from '../sign-in/pages';
import { countryNotAllowedMessage } from '../sign-in/allowlist-messages';
import { displayPhone, parseSubmittedPhone } from '../sign-in/phone-input';
import type { UserStore } from '../store/users';
import type { VerificationCodes } from '../verification-codes';
import { accountMessagesFor } from './messages';
import {
  PHONE_PATH,
  renderAccountErrorPage,
  renderChangedPage,
  renderCodeStepPage,
  renderNewNumberPage,
  renderVerifyPage,
  type DevNotice,
} from './pages';
import type { PhoneChange, StepOutcome } from './phone-change';
import type { PhoneChangeFlow, PhoneChangeFlows } from './phone-change-flows';
import { appOrigins, readReturnTo } from './return-to';
import type { AccountCenterSettings } from './settings';

interface AccountDeps {
  provider: Provider;
  config: Pick<LocalConfig, 'client' | 'codes' | 'testPhones' | 'phoneCountries'>;
  settings: AccountCenterSettings;
  users: Pick<UserStore, 'findById'>;
  codes: Pick<VerificationCodes, 'isTestPhone'>;
  flows: PhoneChangeFlows;
  phoneChange: PhoneChange;
  /** How SMS leave logto-local, for the dev notice on the code pages. */
  smsVia: 'outbox' | 'vonage';
}

/** A refusal that ends the visit, shown as a page (or JSON to a client that asks for it). */
class AccountRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly locale: Locale,
  ) {
    super(message);
  }
}

/**
 * logto-local's Account Center page for the phone, at Logto's path and with Logto's parameters:
 * `GET /account/phone?redirect=…&ui_locales=…` opens it for the person signed in at logto-local
 * (its own session cookie), and each step is a plain form post followed by a redirect, so it
 * works without JavaScript. `redirect` must be one of the app's addresses. Every post names its
 * flow, which must belong to the session that sent it.
 * @see https://docs.logto.io/end-user-flows/account-settings/by-account-center-ui
 * @see ./phone-change.ts for the steps themselves
 */
export function createAccountRouter(deps: AccountDeps): Router {
  const { provider, config, users, flows, phoneChange } = deps;
  const origins = appOrigins(config.client);
  const router = new Router();

  const requestLocale = (ctx: Context, uiLocales?: string) =>
    chooseLocale({ uiLocales, acceptLanguage: ctx.get('accept-language') });

  /** The person signed in at logto-local in this browser, if any. */
  const signedIn = async (ctx: Context) => {
    const session = await provider.Session.get(ctx);
    const user = session.accountId ? users.findById(session.accountId) : undefined;
    return user ? { user, sessionUid: session.uid } : undefined;
  };

  /** The flow a request names, checked to belong to this browser's session. */
  const flowOf = async (ctx: Context, id: string | undefined) => {
    const locale = requestLocale(ctx);
    const flow = id ? flows.find(id) : undefined;
    if (!flow) throw new AccountRefusal(400, accountMessagesFor(locale).flowExpired, locale);
    const person = await signedIn(ctx);
    if (person?.user.id !== flow.accountId || person.sessionUid !== flow.sessionUid) {
      throw new AccountRefusal(403, accountMessagesFor(flow.locale).notYourFlow, flow.locale);
    }
    const { phone } = person.user;
    if (phone === null) {
      throw new AccountRefusal(409, accountMessagesFor(flow.locale).noPhone, flow.locale);
    }
    return { flow, user: { ...person.user, phone } };
  };

  const devNoticeFor = (phone: string): DevNotice =>
    deps.codes.isTestPhone(phone) ? 'test-phone' : deps.smsVia === 'outbox' ? 'outbox' : undefined;

  const resendIn = (flow: PhoneChangeFlow) =>
    flow.codeSentAt === undefined
      ? 0
      : Math.max(
          0,
          config.codes.resendCooldown - Math.floor((Date.now() - flow.codeSentAt) / 1000),
        );

  /** Renders the page of the flow's step, with a notice and the number typed, when given. */
  const render = (
    ctx: Context,
    flow: PhoneChangeFlow,
    phone: string,
    status = 200,
    notice?: PageNotice,
    typed?: { country: string; phone: string },
  ) => {
    const common = { flowId: flow.id, locale: flow.locale, returnTo: flow.returnTo, notice };
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    if (flow.step === 'verify') {
      ctx.body = renderVerifyPage({ ...common, phoneDisplay: displayPhone(phone) });
    } else if (flow.step === 'new-number') {
      ctx.body = renderNewNumberPage({
        ...common,
        countries: config.phoneCountries,
        country: (typed?.country ||
          parsePhoneNumberFromString(phone)?.country ||
          (flow.locale === 'ja' ? 'JP' : 'US')) as CountryCode,
        national: typed?.phone ?? '',
      });
    } else {
      const current = flow.step === 'current-code';
      const to = current ? phone : (flow.newPhone ?? phone);
      ctx.body = renderCodeStepPage({
        ...common,
        step: current ? 'verify-current' : 'verify-new',
        phoneDisplay: displayPhone(to),
        resendInSeconds: resendIn(flow),
        devNotice: devNoticeFor(to),
      });
    }
  };

  /** Answers a step: the next page by redirect, the same page with the refusal, or the end. */
  const respond = async (
    ctx: Context,
    flowId: string,
    outcome: StepOutcome,
    typed?: { country: string; phone: string },
  ): Promise<void> => {
    ctx.set('Cache-Control', 'no-store');
    if (outcome.kind === 'changed') {
      if (outcome.returnTo === undefined) {
        ctx.type = 'html';
        ctx.body = renderChangedPage({ locale: requestLocale(ctx) });
        return;
      }
      ctx.status = 303;
      ctx.redirect(outcome.returnTo);
      return;
    }
    if (outcome.kind === 'next') {
      ctx.status = 303;
      ctx.redirect(`${PHONE_PATH}?flow=${encodeURIComponent(flowId)}`);
      return;
    }
    // Refused: the page of the step the flow is at now, saying what happened and what to do.
    const { flow, user } = await flowOf(ctx, flowId);
    if (outcome.retryAfter !== undefined) ctx.set('Retry-After', String(outcome.retryAfter));
    const notice: PageNotice = { kind: 'error', text: outcome.notice };
    render(
      ctx,
      flow,
      user.phone,
      outcome.status,
      notice,
      flow.step === 'new-number' ? typed : undefined,
    );
  };

  router.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AccountRefusal)) throw error;
      ctx.status = error.status;
      ctx.set('Cache-Control', 'no-store');
      if (ctx.accepts('html', 'json') === 'json') {
        ctx.body = { error: 'invalid_request', error_description: error.message };
        return;
      }
      ctx.type = 'html';
      ctx.body = renderAccountErrorPage({ locale: error.locale, message: error.message });
    }
  });

  router.get(PHONE_PATH, async (ctx) => {
    const flowId = single(ctx.query.flow);
    if (flowId !== undefined) {
      const { flow, user } = await flowOf(ctx, flowId);
      render(ctx, flow, user.phone);
      return;
    }
    const locale = requestLocale(ctx, single(ctx.query.ui_locales));
    const t = accountMessagesFor(locale);
    if (!deps.settings.phoneEditable) throw new AccountRefusal(403, t.featureNotEnabled, locale);
    const redirect = ctx.query.redirect;
    const returnTo = Array.isArray(redirect)
      ? { ok: false as const }
      : readReturnTo(redirect, origins);
    if (!returnTo.ok) throw new AccountRefusal(400, t.redirectRefused(config.client.name), locale);
    const person = await signedIn(ctx);
    if (!person) throw new AccountRefusal(401, t.notSignedIn(config.client.name), locale);
    if (person.user.phone === null) throw new AccountRefusal(409, t.noPhone, locale);
    const flow = flows.start({
      accountId: person.user.id,
      sessionUid: person.sessionUid,
      returnTo: returnTo.url,
      locale,
    });
    ctx.status = 303;
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(`${PHONE_PATH}?flow=${encodeURIComponent(flow.id)}`);
  });

  /** A step's form: read, its flow checked against the session, then handled. */
  const post = (
    step: string,
    handle: (ctx: Context, flow: PhoneChangeFlow, form: URLSearchParams) => Promise<void>,
  ) =>
    router.post(`${PHONE_PATH}/${step}`, async (ctx) => {
      const form = await readForm(ctx);
      const { flow } = await flowOf(ctx, form.get('flow') ?? undefined);
      await handle(ctx, flow, form);
    });

  const requester = (ctx: Context) => ({ clientIp: ctx.ip });

  post('send-current', async (ctx, flow) =>
    respond(ctx, flow.id, await phoneChange.sendToCurrent(flow, requester(ctx))),
  );
  post('verify-current', (ctx, flow, form) =>
    respond(ctx, flow.id, phoneChange.verifyCurrent(flow, form.get('code') ?? '', requester(ctx))),
  );
  post('send-new', async (ctx, flow, form) => {
    const typed = { country: form.get('country') ?? '', phone: form.get('phone') ?? '' };
    const parsed = parseSubmittedPhone(
      typed.country,
      typed.phone,
      config.testPhones,
      config.phoneCountries,
    );
    const outcome: StepOutcome = parsed.ok
      ? await phoneChange.sendToNew(flow, parsed.e164, requester(ctx))
      : {
          kind: 'refused',
          status: 400,
          notice:
            parsed.reason === 'country_not_allowed'
              ? countryNotAllowedMessage(flow.locale, config.phoneCountries ?? [])
              : messagesFor(flow.locale).phoneErrors[parsed.reason],
        };
    await respond(ctx, flow.id, outcome, typed);
  });
  post('verify-new', (ctx, flow, form) =>
    respond(ctx, flow.id, phoneChange.verifyNew(flow, form.get('code') ?? '', requester(ctx))),
  );
  post('resend', async (ctx, flow) =>
    respond(ctx, flow.id, await phoneChange.resend(flow, requester(ctx))),
  );
  post('use-another-number', (ctx, flow) =>
    respond(ctx, flow.id, phoneChange.useAnotherNumber(flow)),
  );

  return router;
}

/** One query value; a repeated parameter counts as none. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
