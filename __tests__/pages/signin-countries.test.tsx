import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as nextAuthReact from 'next-auth/react';
import SignInPage, { getStaticProps } from '@/pages/signin';
import { setupTestServer } from '../support/msw-server';
import { renderPage } from '../support/render-page';
import { sessionHandler } from '../support/session-handlers';

setupTestServer(sessionHandler(null));

afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.PHONE_COUNTRIES;
});

/** Renders /signin with the props its getStaticProps makes at build time, under PHONE_COUNTRIES. */
async function renderSignIn(countries: string | undefined, locale = 'en') {
  if (countries === undefined) delete process.env.PHONE_COUNTRIES;
  else process.env.PHONE_COUNTRIES = countries;
  const result = await getStaticProps({ locale });
  const pageProps = 'props' in result ? result.props : {};
  return renderPage(SignInPage, { router: { asPath: '/signin', locale }, pageProps });
}

describe('/signin with a country allowlist (PHONE_COUNTRIES)', () => {
  it('offers only the listed countries', async () => {
    await renderSignIn('JP,GB');
    const options = (await screen.findByLabelText('Country')).querySelectorAll('option');
    expect([...options].map((option) => option.value)).toEqual(['JP', 'GB']);
  });

  it("starts on the first listed country when the locale's is not listed", async () => {
    await renderSignIn('JP,GB');
    expect(await screen.findByLabelText('Country')).toHaveDisplayValue('Japan (+81)');
  });

  it('refuses a number typed with + from another country, and sends no sign-in request', async () => {
    const signIn = jest.spyOn(nextAuthReact, 'signIn');
    const user = userEvent.setup();
    await renderSignIn('JP,GB');
    await user.type(await screen.findByLabelText('Phone number'), '+12015550123');
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    expect(
      await screen.findByText(
        'This app takes numbers from Japan or United Kingdom only. Use a number from there.',
      ),
    ).toBeInTheDocument();
    expect(signIn).not.toHaveBeenCalled();
  });

  it('offers every country when it is unset', async () => {
    await renderSignIn(undefined);
    const options = (await screen.findByLabelText('Country')).querySelectorAll('option');
    expect(options.length).toBeGreaterThan(200);
  });
});
