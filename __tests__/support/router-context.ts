/**
 * The Pages Router's context, which `useRouter()` and `next/link` read. Next exports no public
 * provider for it, and mocking `next/router` would leave `next/link` without a router (no locale
 * prefix), so page tests provide the real context. This is the one place that reaches into
 * `next/dist`; the path is the same from Next 13.5 to 16 (before 13.5 it was `router-context`).
 * @see https://github.com/vercel/next.js/blob/canary/packages/next/src/shared/lib/router-context.shared-runtime.ts
 */
export { RouterContext } from 'next/dist/shared/lib/router-context.shared-runtime';
