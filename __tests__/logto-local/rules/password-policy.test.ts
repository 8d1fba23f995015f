/**
 * @jest-environment <rootDir>/__tests__/support/node-environment.ts
 */
// Logto's password policy as logto-local applies it (Logto's own checker from @logto/core-kit),
// with the messages Logto's sign-in page shows, in-process.
import {
  asksForBreachedCheck,
  checkPasswordPolicy,
  describeIssues,
  userInfoOf,
} from '@/logto-local/passwords/policy';

const owner = { phone: '+819012345678', email: 'ada@example.com' };
const check = (password: string, policy = {}, locale: 'en' | 'ja' = 'en') =>
  checkPasswordPolicy(password, { policy, owner, locale });

describe("Logto's default password policy", () => {
  it('accepts a password of 8 characters or more with no pattern and nothing of the person', async () => {
    await expect(check('b00kst0re-Lover')).resolves.toEqual({ ok: true });
  });

  it('refuses fewer than 8 characters with the minimum named', async () => {
    await expect(check('k9#Zq2')).resolves.toEqual({
      ok: false,
      message: 'Minimum length is 8.',
      codes: ['password_rejected.too_short'],
    });
  });

  it('refuses more than 256 characters', async () => {
    const verdict = await check('k9#Zq2xw'.repeat(33));
    expect(verdict).toMatchObject({ ok: false, message: 'Maximum length is 256.' });
  });

  it('refuses a character outside letters, digits and ASCII symbols', async () => {
    await expect(check('pässwörd-9x')).resolves.toMatchObject({
      ok: false,
      message: 'Unsupported character found.',
    });
  });

  it('refuses a password that is mostly a sequence', async () => {
    await expect(check('12345678')).resolves.toMatchObject({
      ok: false,
      message: 'Avoid overusing sequential characters.',
    });
  });

  it('refuses a password that is mostly one character repeated', async () => {
    await expect(check('aaaaaaaa1')).resolves.toMatchObject({
      ok: false,
      message: 'Avoid overusing repeated characters.',
    });
  });

  it("refuses the person's own phone digits, as Logto stores them without the +", async () => {
    await expect(check('819012345678x')).resolves.toMatchObject({
      ok: false,
      codes: expect.arrayContaining(['password_rejected.restricted.user_info']),
    });
  });

  it("refuses the name part of the person's email", async () => {
    await expect(check('ada!ada!ada')).resolves.toMatchObject({
      ok: false,
      codes: expect.arrayContaining(['password_rejected.restricted.user_info']),
    });
  });

  it('accepts a password that only contains a short run of a pattern', async () => {
    await expect(check('Zq9-abc-Kx7!')).resolves.toEqual({ ok: true });
  });

  it('never asks the breach list, which is online, even though the policy says to', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    await expect(check('password1!', { rejects: { pwned: true } })).resolves.toEqual({ ok: true });
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('says in Japanese what to change', async () => {
    await expect(check('k9#Zq2', {}, 'ja')).resolves.toMatchObject({
      message: '最小の長さは8です。',
    });
  });
});

describe("a tenant's own password policy", () => {
  it('takes the minimum length from the tenant', async () => {
    await expect(check('b00kst0re-Lov', { length: { min: 14 } })).resolves.toMatchObject({
      ok: false,
      message: 'Minimum length is 14.',
    });
  });

  it('asks for the number of character types the tenant sets', async () => {
    await expect(check('lowercaseonly', { characterTypes: { min: 3 } })).resolves.toMatchObject({
      ok: false,
      message: 'At least 3 types of characters are required.',
    });
  });

  it("refuses the tenant's own words", async () => {
    await expect(check('bookstore!', { rejects: { words: ['bookstore'] } })).resolves.toMatchObject(
      { ok: false, message: 'Avoid overusing product context.' },
    );
  });

  it("allows the person's details when the tenant turns that check off", async () => {
    await expect(
      check('819012345678x', { rejects: { userInfo: false, repetitionAndSequence: false } }),
    ).resolves.toEqual({ ok: true });
  });

  it('allows sequences when the tenant turns that check off', async () => {
    await expect(check('12345678', { rejects: { repetitionAndSequence: false } })).resolves.toEqual(
      {
        ok: true,
      },
    );
  });
});

describe('the words of a rejection', () => {
  it('names the first length or character problem alone, as Logto does', () => {
    expect(
      describeIssues(
        [
          { code: 'password_rejected.restricted.sequence' },
          { code: 'password_rejected.character_types', interpolation: { min: 2 } },
          { code: 'password_rejected.too_short', interpolation: { min: 8 } },
        ],
        'en',
      ),
    ).toBe('Minimum length is 8.');
  });

  it('lists every restricted pattern together', () => {
    expect(
      describeIssues(
        [
          { code: 'password_rejected.restricted.repetition' },
          { code: 'password_rejected.restricted.user_info' },
          { code: 'password_rejected.restricted.words' },
        ],
        'en',
      ),
    ).toBe('Avoid overusing repeated characters, your personal information, and product context.');
  });

  it('says a breached password is too easy to guess', () => {
    expect(describeIssues([{ code: 'password_rejected.pwned' }], 'en')).toBe(
      'Avoid using simple passwords that are easy to guess.',
    );
  });

  it('names the maximum of a too long password', () => {
    expect(
      describeIssues([{ code: 'password_rejected.too_long', interpolation: { max: 64 } }], 'en'),
    ).toBe('Maximum length is 64.');
  });
});

describe("the person's details the checker compares", () => {
  it('gives the phone as digits and leaves out what the account lacks', () => {
    expect(userInfoOf({ phone: '+819012345678', email: null })).toEqual({
      phoneNumber: '819012345678',
    });
    expect(userInfoOf({ email: 'ada@example.com', name: 'Ada L', username: 'ada' })).toEqual({
      email: 'ada@example.com',
      name: 'Ada L',
      username: 'ada',
    });
  });
});

it('tells whether the tenant asks for the breach check logto-local skips', () => {
  expect(asksForBreachedCheck(undefined)).toBe(true);
  expect(asksForBreachedCheck({})).toBe(true);
  expect(asksForBreachedCheck({ rejects: { pwned: true } })).toBe(true);
  expect(asksForBreachedCheck({ rejects: { pwned: false } })).toBe(false);
});
