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

export interface Row extends Versions {
  /**
   * `suites`: lib/auth's Jest suites. `app`: the minimal app with all of lib/auth: next build,
   * next start, sign-in, refresh and sign-out over HTTP. `provider`: an app with only the plain
   * provider (step 1 of the copy order) in its own authOptions: build, start and sign-in.
   */
  kind: 'suites' | 'app' | 'provider';
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
  { kind: 'provider', next: '13.5.11', nextAuth: '4.22.5', ...REACT_18, node: NODE_24 },
  { kind: 'app', next: '13.5.11', nextAuth: '4.22.5', ...REACT_18, node: NODE_24 },
  { kind: 'app', next: '14.2.35', nextAuth: PROJECT.nextAuth, ...REACT_18, node: NODE_24 },
  { kind: 'app', next: '15.5.29', nextAuth: PROJECT.nextAuth, ...REACT_19, node: NODE_24 },
  { kind: 'app', ...PROJECT, ...REACT_19, node: NODE_24 },
];

export function nextMajor(version: string): number {
  return Number(version.split('.')[0]);
}
