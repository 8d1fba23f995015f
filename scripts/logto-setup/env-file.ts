import { readFile, writeFile } from 'node:fs/promises';

// KEY=value, optionally preceded by `export`, as dotenv (and @next/env) read it.
const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(.*)$/;

/** Result of merging: the new text, and the names whose value changed (values are never listed). */
export interface EnvMerge {
  text: string;
  changed: string[];
}

/**
 * Sets `updates` in the text of an env file, keeping every other line, comment and the order.
 * A variable already present is rewritten in place (every occurrence); a new one is appended.
 * @see https://github.com/motdotla/dotenv#what-rules-does-the-parsing-engine-follow
 */
export function mergeEnvText(text: string, updates: Readonly<Record<string, string>>): EnvMerge {
  const changed = new Set<string>();
  const seen = new Set<string>();
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const trailingNewline = text === '' || text.endsWith('\n');
  if (trailingNewline && lines.length > 0) lines.pop();

  const merged = lines.map((line) => {
    const match = ASSIGNMENT.exec(line);
    const name = match?.[2];
    if (match === null || name === undefined || !(name in updates)) return line;
    seen.add(name);
    const value = updates[name] ?? '';
    if (unquote(match[4] ?? '') === value) return line;
    changed.add(name);
    return `${match[1]}${name}${match[3]}${quote(value)}`;
  });
  for (const [name, value] of Object.entries(updates)) {
    if (seen.has(name)) continue;
    changed.add(name);
    merged.push(`${name}=${quote(value)}`);
  }
  return { text: `${merged.join('\n')}\n`, changed: [...changed] };
}

/** Reads the env file (missing is empty), merges `updates` and writes it only if something changed. */
export async function updateEnvFile(
  file: string,
  updates: Readonly<Record<string, string>>,
  options: { dryRun: boolean },
): Promise<string[]> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const merge = mergeEnvText(text, updates);
  if (merge.changed.length > 0 && !options.dryRun) await writeFile(file, merge.text, 'utf8');
  return merge.changed;
}

function unquote(raw: string): string {
  const trimmed = raw.trim();
  const quoted = /^(['"`])(.*)\1$/.exec(trimmed);
  if (quoted) return quoted[2] ?? '';
  return trimmed.replace(/\s+#.*$/, '');
}

function quote(value: string): string {
  return /^[A-Za-z0-9_\-.:/@+=~]*$/.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`;
}
