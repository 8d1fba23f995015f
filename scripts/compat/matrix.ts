/**
 * The versions `npm run test:compat` proves, one row each. next-auth's peer range decides the
 * pairs: 4.22 and 4.23 declare `next ^12.2.5 || ^13` (and React 17/18), Next 14 starts at 4.24.
 * Bump a version here and the matrix installs it into a fresh copy on the next run.
 * @see https://github.com/nextauthjs/next-auth/blob/v4/packages/next-auth/package.json
 */

import { projectVersion } from './project-version';

export const NODE_24 = 'project';

export interface Versions {
  next: string;
  nextAuth: string;
  react: string;
  /** @types/react and @types/react-dom; React 18 apps need the 18 types. */
  reactTypes: string;
  reactDomTypes: string;
  /** `project` is the Node the project runs on (24, from the `node` devDependency). */
  node: string;
}

/** How far down README's "Files to copy, in order" an app row goes. */
export type CopyStop = 'provider' | 'core' | 'speed';

export interface Row extends Versions {
  /**
   * `suites`: lib/auth's Jest suites. `stop`: an app made from create-next-app's template with
   * the README's copy steps up to `stop`: next build, next start, sign-in (and, from the core on,
   * refresh and sign-out) over HTTP. `app-router`: the same app with all three steps and the
   * README's App Router section, driven in Chromium across refreshes on both routers.
   * `v4-to-v5`: the app of all three steps signed in on next-auth 4, then moved to Auth.js v5 by
   * README's "Moving to Auth.js v5" and started again: still signed in, cookie moved, refresh and
   * sign-out (./v5-move-check.ts). `v4-to-v5-app-router`: the `app-router` app signed in on
   * next-auth 4, moved the same way, then driven in Chromium as `app-router` rows are.
   */
  kind: 'suites' | 'stop' | 'app-router' | 'v4-to-v5' | 'v4-to-v5-app-router';
  stop?: CopyStop;
  /**
   * `repository` (v4-to-v5 only): this repository's own app, copied as a clone holds it, on the
   * repository's own packages, instead of an app made by the copy steps.
   */
  app?: 'repository';
  /**
   * The create-next-app release whose template the app starts from: the newest of the app's
   * Next minor (create-next-app is not published for every Next patch).
   */
  createNextApp?: string;
  /**
   * Test tools at other versions than the project's, for a Node the project's cannot run on:
   * msw 3 needs Node 22.12 (it calls `Promise.withResolvers`), so Node 20 runs the same suites
   * with msw 2, whose API the mock Logto uses alike.
   */
  testTools?: Record<string, string>;
}

const REACT_18 = { react: '18.3.1', reactTypes: '18.3.32', reactDomTypes: '18.3.7' };
/** React 19, Next and next-auth as the project installs them: a version bump there moves the matrix. */
const REACT_19 = {
  react: projectVersion('react'),
  reactTypes: projectVersion('@types/react'),
  reactDomTypes: projectVersion('@types/react-dom'),
};
const PROJECT = { next: projectVersion('next'), nextAuth: projectVersion('next-auth') };
const NEXT_13 = { next: '13.5.11', nextAuth: '4.22.5', ...REACT_18, createNextApp: '13.5.11' };
const NEXT_14 = {
  next: '14.2.35',
  nextAuth: PROJECT.nextAuth,
  ...REACT_18,
  createNextApp: '14.2.35',
};
const NEXT_15 = {
  next: '15.5.29',
  nextAuth: PROJECT.nextAuth,
  ...REACT_19,
  createNextApp: '15.5.28',
};
const NEXT_16 = { ...PROJECT, ...REACT_19, createNextApp: '16.4.3' };

export const ROWS: Row[] = [
  { kind: 'suites', next: '13.5.11', nextAuth: '4.22.5', ...REACT_18, node: NODE_24 },
  { kind: 'suites', next: '13.5.11', nextAuth: '4.23.2', ...REACT_18, node: NODE_24 },
  { kind: 'suites', ...PROJECT, ...REACT_19, node: NODE_24 },
  { kind: 'suites', ...PROJECT, ...REACT_19, node: '22.23.3' },
  {
    kind: 'suites',
    ...PROJECT,
    ...REACT_19,
    node: '20.20.2',
    testTools: { msw: '2.15.0' },
  },
  // Every stop of the copy steps, in the app a team makes with create-next-app 14.2.
  { kind: 'stop', stop: 'provider', ...NEXT_14, node: NODE_24 },
  { kind: 'stop', stop: 'core', ...NEXT_14, node: NODE_24 },
  { kind: 'stop', stop: 'speed', ...NEXT_14, node: NODE_24 },
  // The oldest next-auth the layers support, all three of them.
  { kind: 'stop', stop: 'speed', ...NEXT_13, node: NODE_24 },
  { kind: 'app-router', ...NEXT_14, node: NODE_24 },
  { kind: 'app-router', ...NEXT_15, node: NODE_24 },
  { kind: 'app-router', ...NEXT_16, node: NODE_24 },
  // The move to Auth.js v5 on the Next releases v5 is used with; these share the installs of the
  // app-router rows above (v5 is installed beside v4 as `next-auth-v5`).
  { kind: 'v4-to-v5', ...NEXT_15, node: NODE_24 },
  { kind: 'v4-to-v5', ...NEXT_16, node: NODE_24 },
  // The same move with pages in app/, whose readers move too (README, "Pages in app/").
  { kind: 'v4-to-v5-app-router', ...NEXT_15, node: NODE_24 },
  { kind: 'v4-to-v5-app-router', ...NEXT_16, node: NODE_24 },
  // The same move in a copy of this repository, by README's "In a copy of this repository".
  { kind: 'v4-to-v5', app: 'repository', ...PROJECT, ...REACT_19, node: NODE_24 },
];

export function nextMajor(version: string): number {
  return Number(version.split('.')[0]);
}

/** e.g. `stop-core-next-14.2.35-next-auth-4.24.15`, `app-router-next-16.4.6-next-auth-4.24.15`. */
export function rowLabel(row: Row): string {
  const kind =
    row.kind === 'stop' ? `stop-${row.stop}` : row.app ? `${row.kind}-${row.app}` : row.kind;
  return `${kind}-next-${row.next}-next-auth-${row.nextAuth}`;
}
