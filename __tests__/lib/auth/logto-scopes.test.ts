/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import type * as LogtoModule from '@/lib/auth/provider/logto';

// The scopes are a constant set when the module loads, so the test loads it afresh: the
// mutation run then sees that this test relies on it (TESTING.md).
function freshLogto(): typeof LogtoModule.default {
  let loaded: typeof LogtoModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual('@/lib/auth/provider/logto') as typeof LogtoModule;
  });
  return loaded!.default;
}

it("asks Logto for the person's phone number, profile and email, and for a refresh token", () => {
  const provider = freshLogto()({
    issuer: 'https://abcd12.logto.app/oidc',
    clientId: 'id',
    clientSecret: 'secret',
  });
  const { params } = provider.authorization as { params: { scope: string } };
  expect(params.scope.split(' ').sort()).toEqual(
    ['email', 'offline_access', 'openid', 'phone', 'profile'].sort(),
  );
});
