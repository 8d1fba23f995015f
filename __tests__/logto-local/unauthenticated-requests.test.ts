/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MAX_STATE_LENGTH } from '@/logto-local/state-limit';
import { APP_URL, signInWithPhone } from '../../support/relying-party';
import { oneLogtoLocalPerFile } from './support/one-logto-local';

jest.setTimeout(60_000);

const local = oneLogtoLocalPerFile();

/** oidc-provider's rows by model, with the longest payload and the longest lifetime left. */
function storedRows(): Record<string, { rows: number; longest: number; secondsLeft: number }> {
  const db = new DatabaseSync(path.join(local.logto.dataDir, 'logto-local.sqlite'));
  try {
    const rows = db
      .prepare(
        'SELECT model, COUNT(*) AS rows, MAX(LENGTH(payload)) AS longest, MAX(expires_at) AS expires FROM oidc_models GROUP BY model',
      )
      .all() as { model: string; rows: number; longest: number; expires: number }[];
    return Object.fromEntries(
      rows.map(({ model, rows: count, longest, expires }) => [
        model,
        { rows: count, longest, secondsLeft: Math.round((expires - Date.now()) / 1000) },
      ]),
    );
  } finally {
    db.close();
  }
}

/** What a cross-site `<img src>` sends: a GET with no cookie, not following the answer. */
const cookieless = (url: string) => fetch(url, { redirect: 'manual' });

function authorizationUrl(state: string) {
  return local.client.authorizationUrl({
    scope: 'openid offline_access profile email phone',
    prompt: 'consent',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    nonce: 'n',
    state,
  });
}

describe('what a request nobody is signed in to may leave behind', () => {
  it('stores no session for 50 sign-out requests from a browser without one', async () => {
    const before = storedRows().Session?.rows ?? 0;
    const endSession = local.client.endSessionUrl({
      client_id: 'bookstore-local',
      post_logout_redirect_uri: `${APP_URL}/`,
      state: 'x'.repeat(MAX_STATE_LENGTH),
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => cookieless(endSession)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(303));
    expect(answers[0]!.headers.get('location')).toBe(
      `${APP_URL}/?state=${'x'.repeat(MAX_STATE_LENGTH)}`,
    );
    expect(storedRows().Session?.rows ?? 0).toBe(before);
  });

  it('sends a sign-out without a session and without a redirect URI to the signed-out page', async () => {
    const answer = await cookieless(`${local.logto.issuer}/session/end`);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`${local.logto.issuer}/session/end/success`);
  });

  it('still checks a sign-out without a session as Logto does: registered URI, known client, valid hint', async () => {
    const unregistered = await cookieless(
      local.client.endSessionUrl({
        client_id: 'bookstore-local',
        post_logout_redirect_uri: 'https://evil.example/',
      }),
    );
    expect(unregistered.status).toBe(400);
    expect(await unregistered.json()).toMatchObject({
      code: 'oidc.invalid_request',
      error_description: 'post_logout_redirect_uri not registered',
    });
    const unknownClient = await cookieless(
      `${local.logto.issuer}/session/end?client_id=someone-else`,
    );
    expect(unknownClient.status).toBe(400);
    expect((await unknownClient.json()).error).toBe('invalid_client');
    const forgedHint = await cookieless(
      `${local.logto.issuer}/session/end?id_token_hint=eyJhbGciOiJFUzM4NCJ9.eyJhdWQiOiJib29rc3RvcmUtbG9jYWwifQ.c2ln`,
    );
    expect(forgedHint.status).toBe(400);
    expect((await forgedHint.json()).error).toBe('invalid_request');
  });

  it('signs out with an ID token hint from a browser whose session is gone, keeping state', async () => {
    const { tokens } = await signInWithPhone(local.logto, local.client, '+819055550001');
    const answer = await cookieless(
      local.client.endSessionUrl({
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: `${APP_URL}/`,
        state: 'bye',
      }),
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`${APP_URL}/?state=bye`);
  });

  it(`refuses a state longer than ${MAX_STATE_LENGTH} characters, before storing anything`, async () => {
    const before = storedRows();
    const long = 'x'.repeat(14_000);
    const signIn = await cookieless(authorizationUrl(long));
    const signOut = await cookieless(`${local.logto.issuer}/session/end?state=${long}`);

    for (const answer of [signIn, signOut]) {
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({
        code: 'oidc.invalid_request',
        error_description: `state must be at most ${MAX_STATE_LENGTH} characters long (got 14000)`,
      });
    }
    expect(storedRows()).toEqual(before);
  });

  it('keeps a sign-in nobody finished for 15 minutes, not an hour', async () => {
    const answer = await cookieless(authorizationUrl('s'));
    expect(answer.status).toBe(303);
    const interaction = storedRows().Interaction!;
    expect(interaction.secondsLeft).toBeGreaterThan(14 * 60);
    expect(interaction.secondsLeft).toBeLessThanOrEqual(15 * 60);
  });
});
