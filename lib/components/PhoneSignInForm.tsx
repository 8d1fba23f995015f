import type { CountryCode } from 'libphonenumber-js';
import { signIn } from 'next-auth/react';
import { useRef, useState, type FormEvent } from 'react';
import { logtoPhoneSignInParams } from '@/lib/auth/provider/logto-oidc';
import { defaultCountryForLocale, parsePhone, type PhoneError } from '@/lib/phone';
import { intlTagFor, useLocale, useMessages, type Locale, type Messages } from '@/lib/i18n';
import type { CountryOption } from './country-names';
import { PhoneField } from './PhoneField';
import styles from './PhoneSignInForm.module.css';

export interface PhoneSignInFormProps {
  /** The country selector's entries, made on the server (see `countryOptions`). */
  countries: CountryOption[];
  /** Where to land after signing in: already checked to be a same-origin path. */
  callbackUrl: string;
}

/** Why the form refused a number: the phone rules', or a country the selector does not offer. */
type FormError = PhoneError | 'country_not_allowed';

function phoneErrorMessage(
  t: Messages,
  reason: FormError,
  country: string,
  countries: CountryOption[],
  locale: Locale,
): string {
  if (reason === 'invalid') return t.signIn.phoneErrors.invalid(country);
  if (reason === 'country_not_allowed') {
    const names = countries.map((option) => option.name);
    return t.signIn.phoneErrors.country_not_allowed(
      new Intl.ListFormat(intlTagFor(locale), { type: 'disjunction' }).format(names),
    );
  }
  return t.signIn.phoneErrors[reason];
}

/** The locale's country when the selector offers it, else the first it offers. */
function startingCountry(countries: CountryOption[], locale: string): CountryCode {
  const preferred = defaultCountryForLocale(locale);
  return countries.some((option) => option.code === preferred)
    ? preferred
    : (countries[0]?.code ?? preferred);
}

function nameOf(countries: CountryOption[], code: CountryCode): string {
  return countries.find((option) => option.code === code)?.name ?? code;
}

/**
 * Phone first: validates the number here (no request for a bad one), then hands it to Logto
 * as `login_hint` so the person only types it once. A second button goes to Logto without it.
 */
export function PhoneSignInForm({ countries, callbackUrl }: PhoneSignInFormProps) {
  const t = useMessages();
  const locale = useLocale();
  const [country, setCountry] = useState<CountryCode>(() => startingCountry(countries, locale));
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const phoneInput = useRef<HTMLInputElement>(null);

  function submitPhone(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parsePhone(phone, country);
    if (!parsed.ok) {
      setError(parsed.reason);
      phoneInput.current?.focus();
      return;
    }
    // A number typed with + may be from a country the selector (PHONE_COUNTRIES) leaves out.
    const { country: numberCountry } = parsed.phone;
    if (numberCountry && !countries.some((option) => option.code === numberCountry)) {
      setError('country_not_allowed');
      phoneInput.current?.focus();
      return;
    }
    setSubmitting(true);
    void signIn('logto', { callbackUrl }, logtoPhoneSignInParams(parsed.phone.e164, locale));
  }

  function continueWithoutPhone() {
    setSubmitting(true);
    void signIn('logto', { callbackUrl }, { ui_locales: locale });
  }

  return (
    <div className={styles.wrapper}>
      <form className={styles.form} onSubmit={submitPhone} noValidate>
        <PhoneField
          countries={countries}
          country={country}
          onCountryChange={(next) => {
            setCountry(next);
            setError(null);
          }}
          value={phone}
          onValueChange={(next) => {
            setPhone(next);
            setError(null);
          }}
          error={
            error
              ? phoneErrorMessage(t, error, nameOf(countries, country), countries, locale)
              : undefined
          }
          inputRef={phoneInput}
        />
        <button type="submit" className="button button-primary button-wide" disabled={submitting}>
          {submitting ? t.signIn.submitting : t.signIn.submit}
        </button>
      </form>
      <p className={styles.or}>
        <span>{t.signIn.or}</span>
      </p>
      <button
        type="button"
        className="button button-secondary button-wide"
        disabled={submitting}
        onClick={continueWithoutPhone}
      >
        {t.signIn.withoutPhone}
      </button>
    </div>
  );
}
