/**
 * The apps `npm run test:kit` installs the packed @bookstore/mock-logto into: each is a team's
 * app as it would be, with its own `[...nextauth]` route (./apps/<name>) and its own Jest setup,
 * and runs the package README's examples. Bump a version here and the next run installs it into
 * a fresh copy.
 */
import { projectVersion } from '../compat/project-version';

export const PROJECT_NODE = 'project';

/** One way the app runs the README's examples. */
export interface Check {
  /** Shown in the table, e.g. `next/jest (SWC)`. */
  label: string;
  /** The script under node_modules and its arguments, run with the app's Node. */
  command: string[];
}

export interface KitApp {
  /** Its folder under ./apps, and its name in the table. */
  name: string;
  /** A version of Node from npm's `node` package, or the project's own Node 24. */
  node: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  checks: Check[];
}

const JEST = 'node_modules/jest/bin/jest.js';
/** Node's own `import` of the ES-module build, outside Jest. */
const ESM_IMPORT: Check = { label: 'ESM import', command: ['esm-check.mjs'] };

export const KIT_APPS: KitApp[] = [
  {
    name: 'next14-next-jest',
    // The Node 20 the compatibility matrix runs, from the same cache.
    node: '20.20.2',
    dependencies: {
      next: '14.2.35',
      react: '18.3.1',
      'react-dom': '18.3.1',
      'next-auth': projectVersion('next-auth'),
      // The jose next-auth 4 itself depends on; the route checks refreshed ID tokens with it.
      jose: '4.15.9',
    },
    devDependencies: {
      jest: '29.7.0',
      // babel-jest (Jest's own) with the presets Jest's guides name.
      '@babel/preset-env': '7.29.17',
      '@babel/preset-typescript': '7.29.17',
      // msw 3 needs Node 22.12; teams on Node 20 are on msw 2.
      msw: '2.15.0',
      typescript: projectVersion('typescript'),
      '@types/node': '20.19.43',
      '@types/react': '18.3.32',
    },
    checks: [
      { label: 'next/jest (SWC)', command: [JEST, '--ci', '--config', 'jest.config.js'] },
      { label: 'babel-jest', command: [JEST, '--ci', '--config', 'jest.babel.config.js'] },
      ESM_IMPORT,
    ],
  },
  {
    name: 'next16-ts-jest',
    node: PROJECT_NODE,
    dependencies: {
      next: projectVersion('next'),
      react: projectVersion('react'),
      'react-dom': projectVersion('react'),
      'next-auth': projectVersion('next-auth'),
      'openid-client': projectVersion('openid-client'),
      jose: projectVersion('jose'),
    },
    devDependencies: {
      jest: projectVersion('jest'),
      'ts-jest': '29.4.15',
      msw: projectVersion('msw'),
      typescript: projectVersion('typescript'),
      '@types/jest': projectVersion('@types/jest'),
      '@types/node': projectVersion('@types/node'),
      '@types/react': projectVersion('@types/react'),
    },
    checks: [
      // Jest 30 loads msw 3 and jose 6 (ES modules only) with require(esm) under this flag.
      { label: 'ts-jest', command: ['--experimental-vm-modules', JEST, '--ci'] },
      // ts-jest only transpiles under Next's `isolatedModules`; tsc checks the kit's types.
      { label: 'tsc', command: ['node_modules/typescript/bin/tsc', '--noEmit'] },
      ESM_IMPORT,
    ],
  },
];

/** The packages whose installed versions the table reports. */
export const REPORTED = ['next', 'next-auth', 'jest', 'msw', 'jose'] as const;
