/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import { planDevProcesses } from '@/scripts/dev';

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
      'wait-on --timeout 60000 http-get://127.0.0.1:3001/oidc/.well-known/openid-configuration && next dev',
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
        command: 'next dev',
        name: 'app',
        prefixColor: 'cyan',
        env: { NEXTAUTH_URL: 'http://localhost:3000' },
      },
    ]);
  });
});
