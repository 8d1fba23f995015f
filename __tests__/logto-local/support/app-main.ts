/**
 * Entry point of one app instance for {@link ./app-process.ts}. Reads AUTH_LOGTO_*,
 * NEXTAUTH_SECRET and APP_PUBLIC_URL from the environment.
 */
import type { NextApiHandler } from 'next';
import { startNextApiServer } from '@bookstore/mock-logto/next-auth';

async function main() {
  const routes: Record<string, NextApiHandler> = {};
  const server = await startNextApiServer({
    '/api/auth/[...nextauth]': (req, res) => routes.nextAuth!(req, res),
    '/api/me': (req, res) => routes.me!(req, res),
    '/api/auth/federated-sign-out': (req, res) => routes.signOut!(req, res),
  });
  process.env.NEXTAUTH_URL = process.env.APP_PUBLIC_URL;
  routes.nextAuth = (await import('@/pages/api/auth/[...nextauth]')).default;
  routes.me = (await import('@/pages/api/me')).default;
  routes.signOut = (await import('@/pages/api/auth/federated-sign-out')).default;
  console.log(`app ready at ${server.origin}`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

void main();
