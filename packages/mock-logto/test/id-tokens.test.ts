/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// What the ID tokens carry and what they are signed with, checked as a relying party checks them:
// jose against the tenant's own JWKS.
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { setupServer } from 'msw/node';
import { createMockLogto, createSigningKey, phoneUsers } from '@bookstore/mock-logto';
import { signedIn, tokenRequest } from './token-client';

const logto = createMockLogto();
const network = setupServer(...logto.handlers);

beforeAll(() => network.listen({ onUnhandledFrame: 'error' }));
afterEach(() => logto.reset());
afterAll(() => network.close());

async function verify(idToken: string) {
  const jwks = (await (await fetch(`${logto.issuer}/jwks`)).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
    issuer: logto.issuer,
    audience: logto.clientId,
    algorithms: ['ES384'],
  });
  return payload;
}

async function refreshed(refreshToken: string) {
  const { body } = await tokenRequest(logto, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  return body;
}

describe('the person', () => {
  it('signs an ES384 ID token with Logto’s claims for the person who approved', async () => {
    const tokens = await signedIn(logto, { user: phoneUsers.us });
    const claims = await verify(tokens.id_token);
    expect(claims).toMatchObject({
      phone_number: '12015550123',
      phone_number_verified: true,
      name: null,
      email: null,
    });
    expect(claims.sub).toMatch(/^[0-9a-f]{12}$/);
    expect(decodeProtectedHeader(tokens.id_token)).toMatchObject({ alg: 'ES384' });
  });

  it('carries a phone number changed at Logto in the next refresh’s ID token, with the same sub', async () => {
    const tokens = await signedIn(logto, { user: phoneUsers.japan });
    const { sub } = await verify(tokens.id_token);

    logto.changePhoneNumber(sub!, '+1 201-555-0123');
    const after = await verify((await refreshed(tokens.refresh_token)).id_token);

    expect(after).toMatchObject({ sub, phone_number: '12015550123', phone_number_verified: true });
    expect(logto.user(sub!)?.phone_number).toBe('12015550123');
  });

  it('answers userinfo with the claims as they are now', async () => {
    const tokens = await signedIn(logto, { user: phoneUsers.named });
    const { sub } = await verify(tokens.id_token);
    logto.updateUser(sub!, { name: 'Hanako Sato' });

    const response = await fetch(`${logto.issuer}/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });

    expect(await response.json()).toMatchObject({ sub, name: 'Hanako Sato' });
  });

  it('refuses to change a person it never signed in, and a number that is no number', async () => {
    expect(() => logto.changePhoneNumber('nobody123456', '+12015550123')).toThrow(
      'mock-logto: no user "nobody123456" has signed in at this tenant since its last reset()',
    );
    const tokens = await signedIn(logto);
    const { sub } = await verify(tokens.id_token);
    expect(() => logto.changePhoneNumber(sub!, '12')).toThrow(
      'mock-logto: "12" is not a phone number (7 to 15 digits with the country code)',
    );
  });

  it('sends null for the number of a person who has none, unverified', async () => {
    const claims = await verify(
      (await signedIn(logto, { user: phoneUsers.withoutPhone })).id_token,
    );
    expect(claims).toMatchObject({ phone_number: null, phone_number_verified: false });
  });
});

describe('signing keys', () => {
  it('signs with a rotated key at once and keeps the previous key published', async () => {
    const before = decodeProtectedHeader((await signedIn(logto)).id_token).kid;
    const kid = await logto.rotateSigningKey();

    const tokens = await signedIn(logto);

    expect(decodeProtectedHeader(tokens.id_token).kid).toBe(kid);
    await expect(verify(tokens.id_token)).resolves.toBeDefined();
    const published = (await (await fetch(`${logto.issuer}/jwks`)).json()) as JSONWebKeySet;
    expect(published.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([kid, before]));
  });

  it('signs with a key the JWKS does not hold once useSigningKey() is given one', async () => {
    logto.useSigningKey(await createSigningKey());
    await expect(verify((await signedIn(logto)).id_token)).rejects.toThrow(/signature/);
  });

  it('takes the signing key out of the JWKS with unpublishSigningKey(), and still signs with it', async () => {
    logto.unpublishSigningKey();
    const tokens = await signedIn(logto);
    await expect(verify(tokens.id_token)).rejects.toThrow(/no applicable key/);
  });

  it.each(['RS256', 'HS256', 'none'] as const)(
    'signs with %s when told to, which a relying party pinned to ES384 refuses',
    async (alg) => {
      logto.signNextIdTokenWith({ alg });
      const tokens = await signedIn(logto);
      expect(decodeProtectedHeader(tokens.id_token).alg).toBe(alg);
      await expect(verify(tokens.id_token)).rejects.toThrow();
    },
  );

  it('overrides claims with setClaims(), leaving out those set to undefined', async () => {
    logto.setClaims({ aud: 'someone-else', nonce: undefined });
    const tokens = await signedIn(logto);
    await expect(verify(tokens.id_token)).rejects.toThrow(/aud/);
  });
});
