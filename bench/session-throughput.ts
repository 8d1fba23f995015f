/** `/api/me` (a session decrypt) against `/api/health`, with autocannon, alternated. */
import autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import { BENCH_ENV, type RunningApp } from './next-build';

async function sessionCookie(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const token = await encode({
    secret: BENCH_ENV.NEXTAUTH_SECRET,
    token: {
      sub: 'a1b2c3d4e5f6',
      name: '+81 90 1234 5678',
      phoneNumber: '+819012345678',
      phoneNumberVerified: true,
      accessToken: 'bench-access-token',
      accessTokenExpiresAt: now + 3600,
      refreshToken: 'bench-refresh-token',
      idToken: 'bench-id-token',
    },
  });
  return `next-auth.session-token=${token}`;
}

async function requestsPerSecond(url: string, headers: Record<string, string>, seconds: number) {
  const result = await autocannon({ url, connections: 10, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors`);
  }
  return result.requests.average;
}

export async function measureSessionThroughput(app: RunningApp, rounds: number, seconds: number) {
  const cookie = await sessionCookie();
  const check = await fetch(`${app.origin}/api/me`, { headers: { cookie } });
  if (check.status !== 200)
    throw new Error(`/api/me answered ${check.status} with the bench cookie`);
  const me: number[] = [];
  const health: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    me.push(await requestsPerSecond(`${app.origin}/api/me`, { cookie }, seconds));
    health.push(await requestsPerSecond(`${app.origin}/api/health`, {}, seconds));
  }
  return { me, health };
}
