import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { messagesFor } from '@/lib/i18n';
import { chooseLocale } from '@/lib/i18n/locales';

/** Every leaf path of a messages object: `signIn.phoneErrors.empty`, … */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    leafPaths(child, prefix ? `${prefix}.${key}` : key),
  );
}

function leafAt(messages: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages);
}

describe('messages', () => {
  it('has the same keys in Japanese as in English', () => {
    expect(leafPaths(ja).sort()).toEqual(leafPaths(en).sort());
  });

  it('translates every string except the brand name', () => {
    const untranslated = leafPaths(en).filter(
      (path) => typeof leafAt(en, path) === 'string' && leafAt(en, path) === leafAt(ja, path),
    );
    expect(untranslated).toEqual(['app.name']);
  });

  it('falls back to English for a locale it does not know', () => {
    expect(messagesFor('fr')).toBe(en);
    expect(messagesFor('ja')).toBe(ja);
  });
});

describe('choosing the language of a response (the app and logto-local alike)', () => {
  it('takes the first ui_locales tag whose language it speaks, skipping the others', () => {
    expect(chooseLocale({ uiLocales: 'fr-CA ja-JP en', acceptLanguage: 'en' })).toBe('ja');
    expect(chooseLocale({ uiLocales: 'EN-gb ja' })).toBe('en');
  });

  it('falls back to Accept-Language, most preferred first by q-value', () => {
    expect(chooseLocale({ uiLocales: 'fr de', acceptLanguage: 'fr, ja;q=0.8, en;q=0.5' })).toBe(
      'ja',
    );
    expect(chooseLocale({ acceptLanguage: 'ja;q=0.2, en-US;q=0.9' })).toBe('en');
    expect(chooseLocale({ acceptLanguage: 'en;q=0, ja-JP;q=0.1' })).toBe('ja');
  });

  it('answers in English when nothing asks for a language it speaks', () => {
    expect(chooseLocale({})).toBe('en');
    expect(chooseLocale({ uiLocales: '', acceptLanguage: 'fr, *;q=0.5' })).toBe('en');
  });
});
