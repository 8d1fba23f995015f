/**
 * The package README's quick-start, as a test file: the block after `<!-- kit:setup -->` and
 * every block after `<!-- kit:example -->`, verbatim and in order. The apps run this file, so an
 * example that stops working, or a README that drifts from the package, fails `npm run test:kit`.
 */
const MARKED_BLOCK = /<!-- kit:(setup|example) -->\s*```ts\n([\s\S]*?)```/g;

export function readmeTestFile(readme: string): string {
  const blocks = [...readme.matchAll(MARKED_BLOCK)].map(([, kind, code]) => ({ kind, code }));
  const setups = blocks.filter((block) => block.kind === 'setup');
  const examples = blocks.filter((block) => block.kind === 'example');
  const markers = readme.match(/<!-- kit:(setup|example) -->/g) ?? [];
  if (setups.length !== 1 || examples.length === 0 || markers.length !== blocks.length) {
    throw new Error(
      `packages/mock-logto/README.md: expected one <!-- kit:setup --> and some <!-- kit:example --> markers, each right before a \`\`\`ts block (found ${setups.length} setup, ${examples.length} examples, ${markers.length} markers)`,
    );
  }
  return [setups[0]!.code, ...examples.map((example) => example.code)].join('\n');
}
