import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CopyStop } from './matrix';
import { REPO_ROOT } from './project-version';

/**
 * What README.md tells a team to put in its app, read from README.md itself, so the matrix
 * builds exactly what the README says and the two cannot drift apart: step by step through
 * "Files to copy, in order", the repository paths each step's "Copy …" sentences name, then
 * every code block of the step that starts with `// <path>` (the file to write); with the App
 * Router, the code blocks of "Moving to the App Router, one page at a time" after them. Applied
 * in order, so a later step's file replaces an earlier one, as the README says.
 */
export type CopyStep =
  { kind: 'copy'; path: string } | { kind: 'write'; path: string; content: string };

const STOPS: CopyStop[] = ['provider', 'core', 'speed'];
const FENCE = /^```[a-z]*\n([\s\S]*?)^```$/gm;
const PATH_COMMENT = /^\/\/ ([\w./@[\]-]+)\n/;

/** The text of the `###` section with this title, up to the next `##` or `###` heading. */
function section(readme: string, title: string): string {
  const start = readme.indexOf(`\n### ${title}\n`);
  if (start === -1) throw new Error(`README.md has no section "### ${title}"`);
  const rest = readme.slice(start + title.length + 6);
  const end = rest.search(/^#{2,3} /m);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The code blocks of `text` that name the file they are, keyed by that path. */
function fileBlocks(text: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [, body] of text.matchAll(FENCE)) {
    const named = PATH_COMMENT.exec(body!);
    if (named) files.set(named[1]!, body!);
  }
  return files;
}

/** The repository paths that the "Copy …" sentences of `text` name. */
function copiedPaths(text: string): string[] {
  const prose = text.replace(FENCE, '').replace(/\s+/g, ' ');
  const sentences = prose.match(/\b[Cc]opy\b.*?(?:\.(?= [A-Z(])|$)/g) ?? [];
  return sentences
    .flatMap((sentence) => [...sentence.matchAll(/`([^`]+)`/g)].map(([, token]) => token!))
    .filter((token) => !token.includes(' ') && existsSync(path.join(REPO_ROOT, token)));
}

/** The text of each step of "Files to copy, in order", in order. */
function readmeSteps(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const steps = section(readme, 'Files to copy, in order')
    .split(/^#### /m)
    .slice(1);
  if (steps.length !== STOPS.length) {
    throw new Error(`README's "Files to copy, in order" has ${steps.length} steps, not 3`);
  }
  return steps;
}

/**
 * The packages the steps up to `stop` tell a team to install (`npm install …` in their prose),
 * without version ranges: `-D` ones as `dev`.
 */
export function readmeInstalls(stop: CopyStop): { dependencies: string[]; dev: string[] } {
  const installs = { dependencies: [] as string[], dev: [] as string[] };
  for (const text of readmeSteps().slice(0, STOPS.indexOf(stop) + 1)) {
    for (const [, args] of text.replace(FENCE, '').matchAll(/`npm install ([^`]+)`/g)) {
      const words = args!.split(/\s+/);
      const names = words
        .filter((word) => !word.startsWith('-'))
        .map((word) => word.replace(/(?<=.)@.*$/, ''));
      (words.includes('-D') ? installs.dev : installs.dependencies).push(...names);
    }
  }
  return installs;
}

/** The copy steps up to `stop`, and with `appRouter` the App Router section after them. */
export function readmeCopyPlan(stop: CopyStop, appRouter: boolean): CopyStep[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const texts = readmeSteps().slice(0, STOPS.indexOf(stop) + 1);
  if (appRouter) texts.push(section(readme, 'Moving to the App Router, one page at a time'));
  return texts.flatMap((text) => [
    ...copiedPaths(text).map((file): CopyStep => ({ kind: 'copy', path: file })),
    ...[...fileBlocks(text)].map(([file, content]): CopyStep => ({
      kind: 'write',
      path: file,
      content,
    })),
  ]);
}

/** What README's "Moving to Auth.js v5" tells a team to do, step by step. */
export interface V5Move {
  /** `npm install next-auth@<version>`. */
  nextAuthVersion: string;
  /** App paths to delete (files, or folders ending in `/`). */
  deletes: string[];
  /** Repository folders whose files go into the app at the same paths below them. */
  copies: string[];
  /** The files its code blocks show (`// <path>` first), written into the app. */
  writes: Map<string, string>;
  /** What differs "In a copy of this repository". */
  repository: RepositoryV5Move;
}

/** "In a copy of this repository": its own files instead of `writes`, and a line for its config. */
export interface RepositoryV5Move {
  /** The arguments of its step 1, `npm install next-auth@… …`, after `npm install`. */
  install: string[];
  /** The files its code blocks show (auth.ts), written over the template's. */
  writes: Map<string, string>;
  /** The line added to the object `nextConfigObject` of the repository's `next.config.ts`. */
  nextConfigLine: string;
  nextConfigObject: string;
}

const REPOSITORY_PART = '**In a copy of this repository**';
const MATRIX_PART = '**The matrix row that proves it:**';

/** The repository's part of "Moving to Auth.js v5", from its heading to the matrix row's. */
function repositoryMove(text: string): RepositoryV5Move {
  const part = text.slice(text.indexOf(REPOSITORY_PART), text.indexOf(MATRIX_PART));
  const line = /add `([^`]+)` to `(\w+)`/.exec(part.replace(FENCE, '').replace(/\s+/g, ' '));
  const install = /`npm install (next-auth@[^`]+)`/.exec(part);
  if (!line || !install) {
    throw new Error(`README's "${REPOSITORY_PART}" names no install or no line for next.config.ts`);
  }
  return {
    install: install[1]!.split(/\s+/),
    writes: fileBlocks(part),
    nextConfigLine: line[1]!,
    nextConfigObject: line[2]!,
  };
}

/**
 * The numbered steps of "Moving to Auth.js v5", read from README.md: the one `npm install` of
 * next-auth, the paths of the "Delete" step, the folders of the "Copy the files of" step, and
 * the files its code blocks show; then what differs in a copy of this repository.
 * Throws when a step is missing, so the matrix cannot pass on a section that lost one.
 */
export function readmeV5Move(): V5Move {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const text = section(readme, 'Moving to Auth.js v5');
  const steps = text
    .slice(text.indexOf('**The steps**'))
    .split(/^\d+\. /m)
    .slice(1);
  const ticks = (step: string) => [...step.matchAll(/`([^`]+)`/g)].map(([, token]) => token!);
  const install = steps.map((step) => /`npm install next-auth@([^`\s]+)`/.exec(step)).find(Boolean);
  const deleting = steps.find((step) => step.startsWith('Delete'));
  const copying = steps.find((step) => step.startsWith('Copy the files of'));
  if (!install || !deleting || !copying || !text.includes(REPOSITORY_PART)) {
    throw new Error(
      `README's "Moving to Auth.js v5" lacks its install, Delete or Copy step, or "${REPOSITORY_PART}"`,
    );
  }
  return {
    nextAuthVersion: install[1]!,
    deletes: ticks(deleting.split('\n\n')[0]!).filter((token) => !token.includes(' ')),
    copies: ticks(copying.slice(0, copying.indexOf(':'))).filter((token) =>
      existsSync(path.join(REPO_ROOT, token)),
    ),
    // The steps' own code blocks; the repository's come after them.
    writes: fileBlocks(text.slice(0, text.indexOf(REPOSITORY_PART))),
    repository: repositoryMove(text),
  };
}
