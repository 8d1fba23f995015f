/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_DEFAULTS } from '@/lib/auth/env';
import { planDevProcesses } from '@/scripts/dev';

const OWN_SECRET = 'a-secret-of-my-own-a-secret-of-my-own-0123';

describe('npm run dev', () => {
  it('starts logto-local on port 3001 and makes the app wait for its discovery document by default', () => {
    const plan = planDevProcesses({});
    expect(plan.logtoLocal).toEqual({
      port: '3001',
      discoveryUrl: 'http-get://127.0.0.1:3001/oidc/.well-known/openid-configuration',
    });
    expect(plan.commands.map((command) => typeof command === 'object' && command.name)).toEqual([
      'logto',
      'app',
    ]);
    const app = plan.commands[1] as { command: string };
    expect(app.command).toBe(
      'wait-on --timeout 60000 http-get://127.0.0.1:3001/oidc/.well-known/openid-configuration && next dev -H 127.0.0.1',
    );
  });

  it('follows a local AUTH_LOGTO_ISSUER’s port and the app URL', () => {
    const plan = planDevProcesses({
      AUTH_LOGTO_ISSUER: 'http://localhost:4001/oidc',
      NEXTAUTH_URL: 'http://localhost:4000',
    });
    expect(plan.logtoLocal?.port).toBe('4001');
    expect(plan.commands[0]).toMatchObject({
      env: { LOGTO_LOCAL_PORT: '4001', LOGTO_LOCAL_APP_URL: 'http://localhost:4000' },
    });
  });

  it('starts only the app when AUTH_LOGTO_ISSUER points at a Logto tenant', () => {
    const plan = planDevProcesses({ AUTH_LOGTO_ISSUER: 'https://abcd.logto.app/oidc' });
    expect(plan.logtoLocal).toBeNull();
    expect(plan.commands).toEqual([
      {
        command: 'next dev -H 127.0.0.1',
        name: 'app',
        prefixColor: 'cyan',
        env: { NEXTAUTH_URL: 'http://localhost:3000' },
      },
    ]);
  });
});

describe('where npm run dev puts the app', () => {
  const appCommand = (env: Record<string, string>) =>
    (planDevProcesses(env).commands.at(-1) as { command: string }).command;

  it('listens on loopback only, whatever the secret', () => {
    expect(appCommand({})).toMatch(/&& next dev -H 127\.0\.0\.1$/);
    expect(appCommand({ DEV_HOST: ' ' })).toMatch(/next dev -H 127\.0\.0\.1$/);
    expect(appCommand({ DEV_HOST: 'localhost' })).toMatch(/next dev -H localhost$/);
    expect(appCommand({ DEV_HOST: '::1' })).toMatch(/next dev -H ::1$/);
  });

  it('listens on the DEV_HOST address given for a demo on the network, with a secret of one’s own', () => {
    expect(appCommand({ DEV_HOST: '192.168.1.20', NEXTAUTH_SECRET: OWN_SECRET })).toMatch(
      /next dev -H 192\.168\.1\.20$/,
    );
    expect(appCommand({ DEV_HOST: '0.0.0.0', AUTH_SECRET: OWN_SECRET })).toMatch(
      /next dev -H 0\.0\.0\.0$/,
    );
  });

  it.each([
    ['no secret', {}, /NEXTAUTH_SECRET is not set/],
    [
      'the published development secret',
      { NEXTAUTH_SECRET: LOCAL_DEFAULTS.NEXTAUTH_SECRET },
      /NEXTAUTH_SECRET is the development secret published/,
    ],
    [
      'the published secret under its alias',
      { AUTH_SECRET: ` ${LOCAL_DEFAULTS.NEXTAUTH_SECRET} ` },
      /AUTH_SECRET is the development secret published/,
    ],
    ['a blank secret', { NEXTAUTH_SECRET: '  ' }, /NEXTAUTH_SECRET is not set/],
  ])('refuses a network address with %s, saying what to set', (_, secrets, why) => {
    for (const DEV_HOST of ['0.0.0.0', '192.168.1.20', '::']) {
      expect(() => planDevProcesses({ DEV_HOST, ...secrets })).toThrow(why);
      expect(() => planDevProcesses({ DEV_HOST, ...secrets })).toThrow(
        /Set NEXTAUTH_SECRET in \.env\.local .*or unset DEV_HOST to keep the app on 127\.0\.0\.1/,
      );
    }
  });

  it('stops before starting anything when run with a network address and no secret', async () => {
    // An empty directory: no .env.local to read a secret from, and nothing it could start.
    const cwd = mkdtempSync(path.join(tmpdir(), 'bookstore-dev-'));
    const env = { ...process.env, DEV_HOST: '0.0.0.0' };
    delete env.NEXTAUTH_SECRET;
    delete env.AUTH_SECRET;
    try {
      const child = spawn(
        process.execPath,
        // tsx by its path: the empty directory has no node_modules to find it in.
        ['--import', require.resolve('tsx'), path.resolve(__dirname, '../../scripts/dev.ts')],
        { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise((resolve) => child.once('exit', resolve));

      expect(code).toBe(1);
      expect(output).toMatch(/^dev: DEV_HOST=0\.0\.0\.0 puts the app on your network/);
      expect(output).not.toContain('starting');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
