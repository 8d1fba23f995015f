import type { StackName, StackUrls } from './stacks';

/** The env variable through which global setup hands the stacks' URLs to the test workers. */
export const STACKS_VARIABLE = 'BOOKSTORE_E2E_STACKS';

/** The URLs of one stack started by global setup. */
export function stackUrls(name: StackName): StackUrls {
  const raw = process.env[STACKS_VARIABLE];
  if (!raw) {
    throw new Error(
      `${STACKS_VARIABLE} is not set: run the suite with \`npm run test:e2e\` (or \`npx playwright test\`), whose global setup starts the servers.`,
    );
  }
  return (JSON.parse(raw) as Record<StackName, StackUrls>)[name];
}
