import type { CountryCode } from 'libphonenumber-js';
import { signIn } from 'next-auth/react';
import { useRef, useState, type FormEvent } from 'react';
import { logtoPhoneSignInParams } from '@/lib/auth/provider/logto';
import { defaultCountryForLocale, parsePhone, type PhoneError } from '@/lib/phone';
import { useLocale, useMessages, type Messages } from '@/lib/i18n';
import type { CountryOption } from './country-names';
import { PhoneField } from './PhoneField';
import styles from './PhoneSignInForm.module.css';

export interface PhoneSignInFormProps {
  /** The country selector's entries, made on the server (see `countryOptions`). */
  countries: CountryOption[];
  /** Where to land after signing in: already checked to be a same-origin path. */
  callbackUrl: string;
}

function phoneErrorMessage(t: Messages, reason: PhoneError, country: string): string {
  return reason === 'invalid'
    ? t.signIn.phoneErrors.invalid(country)
    : t.signIn.phoneErrors[reason];
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
  const [country, setCountry] = useState<CountryCode>(() => defaultCountryForLocale(locale));
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<PhoneError | null>(null);
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
          error={error ? phoneErrorMessage(t, error, nameOf(countries, country)) : undefined}
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
