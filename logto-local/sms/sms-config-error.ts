/**
 * SMS delivery is misconfigured (Vonage env variables, connector JSON, template file). The message
 * names what is wrong and how to fix it, so logto-local can print it and exit instead of failing
 * at the first sign-in.
 */
export class SmsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsConfigError';
  }
}
