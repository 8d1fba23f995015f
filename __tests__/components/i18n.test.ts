import { en } from '@/lib/i18n/en';
import { ja } from '@/lib/i18n/ja';
import { messagesFor } from '@/lib/i18n';

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
