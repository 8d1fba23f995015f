import type Router from '@koa/router';
import type { Context } from 'koa';
import type { LocalConfig } from '../config';
import { maskIdentifierForLog } from '../email/mask';
import { readForm } from '../form-body';
import type { GuessBounds } from './rules';
import type { PageNotice } from '../sign-in/pages';
import type { FlowPage } from '../sign-in/routes';
import { displayIdentifier, kindOf } from '../sign-in/routes';
import { guessRefusedAnswer } from '../sign-in/send-code';
import type { SignInFlow, SignInProgress, SignInProgressStore } from '../store/sign-in-progress';
import type { LocalUser, UserStore } from '../store/users';
import { passwordMessagesFor } from './messages';
import { renderNewPasswordPage, renderPasswordPage } from './pages';
import { checkSignInPassword, chooseNewPassword, minimumLength } from './rules';

/** What the password steps borrow from the sign-in router (../sign-in/routes.ts). */
interface PasswordRouteKit {
  config: LocalConfig;
  users: UserStore;
  progress: SignInProgressStore;
  guesses: GuessBounds;
  pageContext: (ctx: Context) => Promise<FlowPage>;
  finishSignIn: (ctx: Context, details: FlowPage['details'], accountId: string) => Promise<void>;
  redirectHere: (ctx: Context, uid: string, query?: string) => void;
  startWith: (
    ctx: Context,
    page: FlowPage,
    identifier: string,
    flow: SignInFlow,
    onError: (status: number, notice: PageNotice) => void,
    codeAsked?: boolean,
  ) => Promise<void>;
  renderCodeAgain: (
    ctx: Context,
    page: FlowPage,
    state: SignInProgress,
    status: number,
    notice?: PageNotice,
  ) => void;
}

const MAX_PASSWORD_INPUT = 256;

/**
 * The password steps of Logto's flows, on the sign-in router: sign in with a password (and switch
 * to a code or to "Forgot your password?"), "Create a password" at sign-up, and the new password
 * of a reset. Returns the renderer the router's GET uses for these steps.
 * @see https://docs.logto.io/end-user-flows/sign-up-and-sign-in/reset-password
 */
export function addPasswordRoutes(router: Router, kit: PasswordRouteKit) {
  const { config, users, progress, pageContext, redirectHere } = kit;
  const rules = config.signIn;

  const ownerOf = (identifier: string, user?: LocalUser) => ({
    phone: user?.phone ?? (kindOf(identifier) === 'phone' ? identifier : null),
    email: user?.email ?? (kindOf(identifier) === 'email' ? identifier : null),
    name: user?.name,
    username: user?.username,
  });

  const renderStep = (
    ctx: Context,
    page: FlowPage,
    state: SignInProgress,
    status: number,
    notice?: PageNotice,
  ) => {
    const kind = kindOf(state.phone);
    const identifierDisplay = displayIdentifier(state.phone);
    ctx.status = status;
    ctx.type = 'html';
    if (state.step === 'password') {
      ctx.body = renderPasswordPage({
        uid: page.details.uid,
        locale: page.locale,
        identifierDisplay,
        notice,
        forgotPassword: rules.resetWith.includes(kind),
        useCode: rules.methods[kind]?.verificationCode === true,
      });
      return;
    }
    ctx.body = renderNewPasswordPage({
      uid: page.details.uid,
      locale: page.locale,
      purpose: state.step === 'create-password' ? 'create' : 'reset',
      identifierDisplay,
      minLength: minimumLength(rules.passwordPolicy),
      notice,
    });
  };

  /** The posted password, bounded: Logto's policy stops at 256 characters anyway. */
  const postedPassword = async (ctx: Context) =>
    ((await readForm(ctx)).get('password') ?? '').slice(0, MAX_PASSWORD_INPUT + 1);

  router.post('/:uid/password', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    if (state?.step !== 'password') return redirectHere(ctx, page.details.uid);
    const password = await postedPassword(ctx);
    const user = users.findByIdentifier(state.phone);
    const check = await checkSignInPassword(
      kit.guesses,
      { identifier: state.phone, clientIp: ctx.ip },
      user?.passwordHash,
      password,
    );
    if (check.result === 'ok' && user) {
      await kit.finishSignIn(ctx, page.details, user.id);
      return;
    }
    if (check.result === 'identifier-locked' || check.result === 'client-limited') {
      const locked = guessRefusedAnswer(check, page.locale);
      ctx.set('Retry-After', String(locked.retryAfter));
      return renderStep(ctx, page, state, locked.status, { kind: 'error', text: locked.message });
    }
    renderStep(ctx, page, state, 400, {
      kind: 'error',
      text: passwordMessagesFor(page.locale).wrongPassword,
    });
  });

  // "Sign in with password" on the code page of a sign-in whose method has both.
  router.post('/:uid/use-password', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    if (
      state?.step === 'code' &&
      state.flow === 'sign-in' &&
      rules.methods[kindOf(state.phone)]?.password
    ) {
      progress.save(page.details.uid, { ...state, step: 'password' });
    }
    redirectHere(ctx, page.details.uid);
  });

  // "Sign in with verification code" on the password page: sends a code, as Logto does.
  router.post('/:uid/use-code', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    if (state?.step !== 'password' || !rules.methods[kindOf(state.phone)]?.verificationCode) {
      return redirectHere(ctx, page.details.uid);
    }
    await kit.startWith(
      ctx,
      page,
      state.phone,
      'sign-in',
      (status, notice) => renderStep(ctx, page, state, status, notice),
      true,
    );
  });

  // "Forgot your password?": the reset page, with the identifier already filled in.
  router.post('/:uid/forgot-password', async (ctx) => {
    const page = await pageContext(ctx);
    const state = progress.get(page.details.uid);
    if (state?.step === 'password' && rules.resetWith.includes(kindOf(state.phone))) {
      progress.save(page.details.uid, { ...state, step: 'identify', flow: 'reset', codeSentAt: 0 });
    }
    redirectHere(ctx, page.details.uid);
  });

  // "Create a password" at sign-up: the account is made only with a password the policy takes.
  router.post('/:uid/create-password', async (ctx) => {
    const page = await pageContext(ctx);
    const uid = page.details.uid;
    const state = progress.get(uid);
    if (state?.step !== 'create-password') return redirectHere(ctx, uid);
    if (users.findByIdentifier(state.phone)) {
      // Another tab made the account meanwhile: offer to sign in to it.
      progress.save(uid, { ...state, step: 'verified' });
      return redirectHere(ctx, uid);
    }
    const verdict = await chooseNewPassword(await postedPassword(ctx), {
      policy: rules.passwordPolicy,
      owner: ownerOf(state.phone),
      locale: page.locale,
    });
    if (!verdict.ok) {
      return renderStep(ctx, page, state, 400, { kind: 'error', text: verdict.message });
    }
    const user = users.createWithIdentifier(state.phone, verdict.passwordHash);
    console.log(
      `logto-local: created account ${user.id} for ${maskIdentifierForLog(state.phone)}, with a password`,
    );
    await kit.finishSignIn(ctx, page.details, user.id);
  });

  // The new password of a verified reset; then the sign-in page, as Logto's "Password changed".
  router.post('/:uid/new-password', async (ctx) => {
    const page = await pageContext(ctx);
    const uid = page.details.uid;
    const state = progress.get(uid);
    const user = state?.step === 'new-password' ? users.findByIdentifier(state.phone) : undefined;
    if (!state || !user) return redirectHere(ctx, uid);
    const verdict = await chooseNewPassword(await postedPassword(ctx), {
      policy: rules.passwordPolicy,
      owner: ownerOf(state.phone, user),
      currentHash: user.passwordHash,
      locale: page.locale,
    });
    if (!verdict.ok) {
      return renderStep(ctx, page, state, 400, { kind: 'error', text: verdict.message });
    }
    users.setPasswordHash(user.id, verdict.passwordHash);
    console.log(`logto-local: password reset for account ${user.id}`);
    progress.save(uid, { phone: state.phone, step: 'identify', flow: 'sign-in', codeSentAt: 0 });
    redirectHere(ctx, uid, '?notice=password-changed');
  });

  return renderStep;
}
