import type { CountryCode } from 'libphonenumber-js';
import type { Ref } from 'react';
import { formatAsYouType } from '@/lib/phone';
import { useMessages } from '@/lib/i18n';
import type { CountryOption } from './country-names';
import styles from './PhoneField.module.css';

export interface PhoneFieldProps {
  /** The selector's entries, named in the page's language (from `countryOptions`). */
  countries: CountryOption[];
  country: CountryCode;
  onCountryChange: (country: CountryCode) => void;
  /** The number as shown (already formatted as typed). */
  value: string;
  onValueChange: (value: string) => void;
  /** A message saying what is wrong with the number; marks the field invalid and is announced. */
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A country selector and a phone input that formats as you type (`090-1234-5678`).
 * The country decides how a national number is read; the error is tied to the input with
 * `aria-describedby` and announced with `role="alert"`.
 * @see https://www.w3.org/WAI/WCAG22/Techniques/aria/ARIA21
 */
export function PhoneField({
  countries,
  country,
  onCountryChange,
  value,
  onValueChange,
  error,
  inputRef,
}: PhoneFieldProps) {
  const t = useMessages();
  return (
    <div className={styles.field}>
      <div className={styles.country}>
        <label htmlFor="phone-country">{t.signIn.country}</label>
        <select
          id="phone-country"
          name="country"
          value={country}
          autoComplete="tel-country-code"
          onChange={(event) => {
            const next = event.target.value as CountryCode;
            onCountryChange(next);
            if (value) onValueChange(formatAsYouType(value, next));
          }}
        >
          {countries.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.number}>
        <label htmlFor="phone-number">{t.signIn.phoneNumber}</label>
        <input
          id="phone-number"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          aria-required="true"
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'phone-number-error' : undefined}
          ref={inputRef}
          value={value}
          onChange={(event) => {
            const typed = event.target.value;
            // Reformatting while deleting would put back the bracket or dash just removed.
            const deleting = typed.length < value.length;
            onValueChange(deleting ? typed : formatAsYouType(typed, country));
          }}
        />
      </div>
      {error ? (
        <p id="phone-number-error" role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
