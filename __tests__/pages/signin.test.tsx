import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as nextAuthReact from 'next-auth/react';
import type { NextRouter } from 'next/router';
import SignInPage, { getStaticProps } from '@/pages/signin';
import { setupTestServer } from '../support/msw-server';
import { renderPage } from '../support/render-page';
import {
  aSession,
  LOGTO_AUTHORIZE_URL,
  sessionHandler,
  signInHandlers,
} from '../support/session-handlers';

const server = setupTestServer(sessionHandler(null));

afterEach(() => {
  jest.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

/** Renders /signin with the props its getStaticProps makes for the router's locale. */
async function renderSignIn({ router = {} }: { router?: Partial<NextRouter> } = {}) {
  const result = await getStaticProps({ locale: router.locale ?? 'en' });
  const pageProps = 'props' in result ? result.props : {};
  return renderPage(SignInPage, { router, pageProps });
}

describe('/signin', () => {
  it('labels the phone field "Phone number" and defaults the country to the US in English', async () => {
    await renderSignIn({ router: { asPath: '/signin' } });

    const phone = await screen.findByLabelText('Phone number');
    expect(phone).toHaveAttribute('type', 'tel');
    expect(phone).toHaveAttribute('autocomplete', 'tel-national');
    expect(screen.getByLabelText('Country')).toHaveDisplayValue('United States (+1)');
  });

  it('speaks Japanese and defaults the country to Japan under /ja', async () => {
    await renderSignIn({ router: { asPath: '/signin', locale: 'ja' } });

    expect(await screen.findByLabelText('電話番号')).toBeInTheDocument();
    expect(screen.getByLabelText('国・地域')).toHaveDisplayValue('日本 (+81)');
    expect(screen.getByRole('heading', { name: '電話番号でサインイン' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '電話番号を入力せずに続ける' })).toBeInTheDocument();
  });

  it('formats the number as it is typed', async () => {
    const user = userEvent.setup();
    await renderSignIn({ router: { asPath: '/signin', locale: 'ja' } });

    await user.type(await screen.findByLabelText('電話番号'), '09012345678');

    expect(screen.getByLabelText('電話番号')).toHaveValue('090-1234-5678');
  });

  it('explains an invalid number inline and sends no sign-in request', async () => {
    const signIn = jest.spyOn(nextAuthReact, 'signIn');
    const { handlers, requests } = signInHandlers();
    server.use(...handlers);
    const user = userEvent.setup();
    await renderSignIn({ router: { asPath: '/signin' } });

    await user.type(await screen.findByLabelText('Phone number'), '12345');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));

    const phone = screen.getByLabelText('Phone number');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This number is too short. Check that you typed every digit.');
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription(alert.textContent ?? '');
    expect(phone).toHaveFocus();
    expect(signIn).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
  });

  it('names the selected country when a number does not exist there', async () => {
    const user = userEvent.setup();
    await renderSignIn({ router: { asPath: '/signin' } });

    await user.selectOptions(await screen.findByLabelText('Country'), 'JP');
    await user.type(screen.getByLabelText('Phone number'), '01234567890');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));

    expect(screen.getByRole('alert')).toHaveTextContent(
      'This is not a valid mobile number for Japan. We text you a code, so use a mobile number; check it, or pick another country.',
    );
  });

  it('hands Logto the number in E.164 with the phone-first parameters and the page language', async () => {
    const signIn = jest.spyOn(nextAuthReact, 'signIn');
    // jsdom cannot follow next-auth's redirect to Logto and says so on the console.
    const jsdomNavigation = jest.spyOn(console, 'error').mockImplementation(() => {});
    const { handlers, requests } = signInHandlers();
    server.use(...handlers);
    const user = userEvent.setup();
    await renderSignIn({
      router: { asPath: '/signin', locale: 'ja', query: { callbackUrl: '/ja/books/kokoro' } },
    });

    await user.type(await screen.findByLabelText('電話番号'), '090-1234-5678');
    await user.click(screen.getByRole('button', { name: 'コードを受け取る' }));

    expect(signIn).toHaveBeenCalledTimes(1);
    expect(signIn).toHaveBeenCalledWith(
      'logto',
      { callbackUrl: '/ja/books/kokoro' },
      {
        login_hint: '+819012345678',
        first_screen: 'identifier:sign_in',
        identifier: 'phone',
        ui_locales: 'ja',
      },
    );
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toEqual({
      provider: 'logto',
      authorizationParams: {
        login_hint: '+819012345678',
        first_screen: 'identifier:sign_in',
        identifier: 'phone',
        ui_locales: 'ja',
      },
      body: { csrfToken: 'test-csrf-token', callbackUrl: '/ja/books/kokoro', json: 'true' },
    });
    await waitFor(() => expect(window.location.href).toBe(LOGTO_AUTHORIZE_URL));
    expect(jsdomNavigation.mock.calls.flat().join(' ')).toMatch(/Not implemented: navigation/);
  });

  it('continues to Logto without a number, still in the page language', async () => {
    const signIn = jest.spyOn(nextAuthReact, 'signIn').mockResolvedValue(undefined);
    const user = userEvent.setup();
    await renderSignIn({ router: { asPath: '/signin', query: { callbackUrl: '/account' } } });

    await user.click(
      await screen.findByRole('button', { name: 'Continue without a phone number' }),
    );

    expect(signIn).toHaveBeenCalledWith('logto', { callbackUrl: '/account' }, { ui_locales: 'en' });
  });

  it.each([
    ['another origin', 'https://evil.example/books'],
    ['a protocol-relative URL', '//evil.example/books'],
    ['a backslash trick', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
  ])('lands on /books instead of a callbackUrl pointing at %s', async (_, callbackUrl) => {
    const signIn = jest.spyOn(nextAuthReact, 'signIn').mockResolvedValue(undefined);
    const user = userEvent.setup();
    await renderSignIn({ router: { asPath: '/signin', query: { callbackUrl } } });

    await user.type(await screen.findByLabelText('Phone number'), '2015550123');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));

    expect(signIn).toHaveBeenCalledWith('logto', { callbackUrl: '/books' }, expect.any(Object));
  });

  it('accepts an absolute callbackUrl on this site, as next-auth sends it back', async () => {
    const signIn = jest.spyOn(nextAuthReact, 'signIn').mockResolvedValue(undefined);
    const user = userEvent.setup();
    await renderSignIn({
      router: { asPath: '/signin', query: { callbackUrl: 'http://localhost/books/moby-dick?x=1' } },
    });

    await user.type(await screen.findByLabelText('Phone number'), '(201) 555-0123');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));

    expect(signIn).toHaveBeenCalledWith(
      'logto',
      { callbackUrl: '/books/moby-dick?x=1' },
      expect.objectContaining({ login_hint: '+12015550123' }),
    );
  });

  it("shows the error next-auth sent to the sign-in page with the error page's words", async () => {
    await renderSignIn({
      router: { asPath: '/signin?error=OAuthSignin', query: { error: 'OAuthSignin' } },
    });

    expect(
      await screen.findByRole('heading', { name: 'We could not start signing you in' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The sign-in service did not answer as expected. Wait a moment, then try again.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Phone number')).toBeInTheDocument();
  });

  it('asks a person whose session has ended for their number instead of offering to continue', async () => {
    server.use(sessionHandler(aSession({ error: 'RefreshAccessTokenError' })));
    await renderSignIn({ router: { asPath: '/signin', query: { callbackUrl: '/account' } } });

    expect(await screen.findByLabelText('Phone number')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Continue' })).not.toBeInTheDocument();
  });

  it('offers a signed-in visitor to continue where they were going', async () => {
    server.use(sessionHandler(aSession({ user: { name: 'Hanako Yamada' } })));
    await renderSignIn({ router: { asPath: '/signin', query: { callbackUrl: '/account' } } });

    expect(
      await screen.findByText('You are already signed in as Hanako Yamada.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Continue' })).toHaveAttribute('href', '/account');
    expect(screen.queryByLabelText('Phone number')).not.toBeInTheDocument();
  });
});
