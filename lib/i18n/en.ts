import type { AuthErrorCode } from './auth-error-codes';

/** What to say about one sign-in error: what happened, then what to do. */
export interface AuthErrorText {
  title: string;
  whatToDo: string;
}

/**
 * Every string the UI shows, in English. `ja.ts` must match this shape key for key
 * (it is typed as `Messages`), so a missing translation is a type error, not a blank.
 */
export const en = {
  app: {
    name: 'Bookstore',
    tagline: 'Classic books, one text message away.',
    skipToContent: 'Skip to content',
    footer: 'Public-domain classics. Sign in with your phone number.',
  },
  nav: {
    label: 'Main',
    books: 'Books',
    account: 'Account',
    language: 'Language',
  },
  auth: {
    signIn: 'Sign in',
    signInWithLogto: 'Sign in with Logto',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
  },
  signedOut: {
    localOnly:
      'You are signed out of Bookstore. We could not reach the sign-in service to end your session there too; if this is a shared device, close the browser.',
  },
  loading: {
    page: 'Loading your page…',
    session: 'Checking whether you are signed in…',
  },
  home: {
    title: 'Home',
    heading: 'Read the classics, sign in with your phone',
    lead: 'No password to remember: we text you a six-digit code, and you are in.',
    signedInAs: (name: string) => `Signed in as ${name}`,
    notSignedIn: 'You are not signed in.',
    browseBooks: 'Browse the books',
    usePhone: 'Sign in with your phone number',
  },
  signIn: {
    title: 'Sign in',
    heading: 'Sign in with your phone',
    lead: 'We will text you a six-digit code. New here? The same code creates your account.',
    country: 'Country',
    phoneNumber: 'Phone number',
    submit: 'Send me a code',
    submitting: 'Taking you to sign-in…',
    withoutPhone: 'Continue without a phone number',
    or: 'or',
    alreadySignedIn: (name: string) => `You are already signed in as ${name}.`,
    continue: 'Continue',
    phoneErrors: {
      empty: 'Enter your phone number.',
      too_short: 'This number is too short. Check that you typed every digit.',
      too_long: 'This number is too long. Check it for extra digits.',
      invalid_country: 'We cannot tell which country this number is from. Pick it in the list.',
      invalid: (country: string) =>
        `This is not a valid mobile number for ${country}. We text you a code, so use a mobile number; check it, or pick another country.`,
      country_not_allowed: (countries: string) =>
        `This app takes numbers from ${countries} only. Use a number from there.`,
    },
  },
  books: {
    title: 'Books',
    heading: 'The catalogue',
    lead: 'Twelve classics, priced in your currency.',
    by: (author: string) => `by ${author}`,
    year: (year: number) => (year < 0 ? `${-year} BC` : String(year)),
    pages: (pages: number) => `${pages} pages`,
    details: (title: string) => `${title}: details`,
    back: 'Back to the catalogue',
    price: 'Price',
  },
  account: {
    title: 'Account',
    heading: 'Your account',
    name: 'Name',
    noName: 'Not set',
    phone: 'Phone number',
    phoneNational: 'National format',
    phoneInternational: 'International format',
    noPhone: 'No phone number on this account',
    changePhone: 'Change phone number',
    verified: 'Verified',
    notVerified: 'Not verified',
    verification: 'Verification',
    userId: 'User ID',
    sessionExpires: 'Session expires',
  },
  sessionEnded: {
    heading: 'Your session has ended — sign in again',
    body: 'For your security we could not keep you signed in. Sign in again to continue where you were.',
    action: 'Sign in again',
  },
  authError: {
    title: 'Sign-in problem',
    tryAgain: 'Try again',
    home: 'Go to the home page',
    codeLabel: (code: string) => `Error code: ${code}`,
    idTokenAlgMismatch: (used: string, expected: string, variable: string) =>
      `Logto signed the sign-in token with ${used}, but this app accepts only ${expected}. Whoever runs this app: set ${variable}=${used} and restart it.`,
    codes: {
      Configuration: {
        title: 'Sign-in is not set up correctly',
        whatToDo:
          'This is a problem on our side, not yours. Please try again later; if it keeps happening, contact support.',
      },
      AccessDenied: {
        title: 'Access was denied',
        whatToDo:
          'You declined the request, or this account is not allowed to sign in. Try again, or use another phone number.',
      },
      Verification: {
        title: 'This sign-in link is no longer valid',
        whatToDo: 'It has expired or has already been used. Start signing in again.',
      },
      OAuthSignin: {
        title: 'We could not start signing you in',
        whatToDo: 'The sign-in service did not answer as expected. Wait a moment, then try again.',
      },
      OAuthCallback: {
        title: 'We could not finish signing you in',
        whatToDo:
          'The answer from the sign-in service could not be verified, so we did not trust it. Try again; if it keeps happening, contact support.',
      },
      OAuthCreateAccount: {
        title: 'We could not create your account',
        whatToDo: 'Something went wrong while saving your account. Try again in a moment.',
      },
      EmailCreateAccount: {
        title: 'We could not create your account',
        whatToDo:
          'Something went wrong while saving your account. Try again in a moment, or sign in with your phone number.',
      },
      Callback: {
        title: 'Sign-in was interrupted',
        whatToDo:
          'You may have cancelled, or it took too long. Nothing was changed: try again when you are ready.',
      },
      OAuthAccountNotLinked: {
        title: 'This account is linked to another way of signing in',
        whatToDo: 'Sign in the same way you did the first time.',
      },
      SessionRequired: {
        title: 'Please sign in to see this page',
        whatToDo: 'Sign in, and we will take you back to the page you wanted.',
      },
      Default: {
        title: 'Something went wrong while signing you in',
        whatToDo: 'Try again. If it keeps happening, contact support.',
      },
    } satisfies Record<AuthErrorCode, AuthErrorText>,
  },
  notFound: {
    title: 'Page not found',
    heading: 'We could not find that page',
    body: 'The link may be old, or the book may have left the catalogue.',
    backToBooks: 'Back to the catalogue',
  },
};

/** The shape every locale's messages must have. */
export type Messages = typeof en;
