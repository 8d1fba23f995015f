/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// lib/auth is copied in three layers (README, "Files to copy, in order"): each must compile
// without the ones after it, so it may import only from the layers before it. The compat
// matrix builds every stop; this says at once which import broke the order.
const ROOT = path.resolve(__dirname, '../../..');
const LAYERS = ['provider', 'core', 'speed'] as const;
/** Optional adapters beside the layers, and the layers each builds on (README, "Running several instances"). */
const ADAPTERS = { redis: ['provider', 'core'] } as const;
type Folder = (typeof LAYERS)[number] | keyof typeof ADAPTERS;

/** Every module specifier a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [
    ...source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms),
    ...source.matchAll(/\bimport\('([^']+)'\)/g),
  ];
  return specifiers.map(([, specifier]) => specifier!);
}

/** Where an import lands, relative to the repository, or the package name. */
function target(file: string, specifier: string): string {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) {
    return path.relative(ROOT, path.resolve(path.dirname(file), specifier));
  }
  return `package:${specifier}`;
}

const FOLDERS: Folder[] = [...LAYERS, ...(Object.keys(ADAPTERS) as (keyof typeof ADAPTERS)[])];

/** What a folder may import besides packages and lib/phone. */
function allowedFor(folder: Folder): string[] {
  const below =
    folder in ADAPTERS
      ? [...ADAPTERS[folder as keyof typeof ADAPTERS], folder]
      : LAYERS.slice(0, LAYERS.indexOf(folder as (typeof LAYERS)[number]) + 1);
  return below.map((name) => `lib/auth/${name}/`);
}

const files = FOLDERS.flatMap((layer) =>
  readdirSync(path.join(ROOT, 'lib/auth', layer)).map((name) => ({
    layer,
    file: path.join(ROOT, 'lib/auth', layer, name),
  })),
);

it('has no file outside its three layers and the optional adapters', () => {
  expect(readdirSync(path.join(ROOT, 'lib/auth')).sort()).toEqual([...FOLDERS].sort());
});

describe.each(FOLDERS)('the %s folder', (layer) => {
  const allowed = allowedFor(layer);

  it.each(
    files.filter((entry) => entry.layer === layer).map(({ file }) => [path.basename(file), file]),
  )('%s imports only packages, lib/phone and the layers up to this one', (_, file) => {
    const outside = importsOf(file)
      .map((specifier) => target(file, specifier))
      .filter(
        (landing) =>
          !landing.startsWith('package:') &&
          landing !== 'lib/phone' &&
          !allowed.some((prefix) => `${landing}`.startsWith(prefix)),
      );
    expect(outside).toEqual([]);
  });
});
