// The kit's ES-module build, loaded by Node's own `import` (no Jest, no transform): both entry
// points resolve to dist/esm, and the mocked tenant answers discovery and its JWKS through msw.
import { setupServer } from 'msw/node';
import { createMockLogto } from '@bookstore/mock-logto';
import { Browser } from '@bookstore/mock-logto/next-auth';

const fail = (message) => {
  console.error(`esm-check: ${message}`);
  process.exit(1);
};
for (const entry of ['@bookstore/mock-logto', '@bookstore/mock-logto/next-auth']) {
  const resolved = import.meta.resolve(entry);
  if (!resolved.includes('/dist/esm/')) fail(`${entry} resolved to ${resolved}, not the ESM build`);
}
if (typeof Browser !== 'function') fail('Browser is not exported');
const logto = createMockLogto();
const server = setupServer(...logto.handlers);
server.listen();
try {
  const discovery = await (await fetch(`${logto.issuer}/.well-known/openid-configuration`)).json();
  const jwks = await (await fetch(discovery.jwks_uri)).json();
  if (jwks.keys[0]?.alg !== 'ES384') fail(`the JWKS starts with ${JSON.stringify(jwks.keys[0])}`);
} finally {
  server.close();
}
console.log(`esm-check: ok on Node ${process.versions.node}`);
