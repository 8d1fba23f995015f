import { countryAllowed, PhoneCountriesError, readPhoneCountries } from '@/lib/phone-countries';

describe('PHONE_COUNTRIES, the country allowlist', () => {
  it('allows every country when unset or empty', () => {
    expect(readPhoneCountries({})).toBeUndefined();
    expect(readPhoneCountries({ PHONE_COUNTRIES: '  ' })).toBeUndefined();
    expect(countryAllowed('BR', undefined)).toBe(true);
  });

  it('reads codes separated by commas or spaces, in any case, once each', () => {
    expect(readPhoneCountries({ PHONE_COUNTRIES: 'jp, US  gb,JP' })).toEqual(['JP', 'US', 'GB']);
    expect(readPhoneCountries({ PHONE_COUNTRIES: 'JP,,US,' })).toEqual(['JP', 'US']);
  });

  it('refuses a code libphonenumber does not know, naming it', () => {
    expect(() => readPhoneCountries({ PHONE_COUNTRIES: 'JP,XX,UK' })).toThrow(
      new PhoneCountriesError(
        'PHONE_COUNTRIES must list country codes like JP,US; "XX", "UK" are not one (got "JP,XX,UK").',
      ),
    );
    expect(() => readPhoneCountries({ PHONE_COUNTRIES: 'ZZ' })).toThrow(
      'PHONE_COUNTRIES must list country codes like JP,US; "ZZ" is not one (got "ZZ").',
    );
    try {
      readPhoneCountries({ PHONE_COUNTRIES: 'ZZ' });
    } catch (error) {
      expect((error as Error).name).toBe('PhoneCountriesError');
    }
  });

  it('allows only the listed countries, and no number without a country', () => {
    expect(countryAllowed('JP', ['JP', 'US'])).toBe(true);
    expect(countryAllowed('BR', ['JP', 'US'])).toBe(false);
    expect(countryAllowed(undefined, ['JP'])).toBe(false);
  });
});
