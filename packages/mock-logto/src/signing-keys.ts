import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** An algorithm the mock can sign ID tokens with; Logto itself signs with ES384 (or RS256). */
export type IdTokenAlg = 'ES384' | 'RS256' | 'HS256' | 'none';

/**
 * A private key made by `createSigningKey()`. Opaque on purpose: jose 4, 5 and 6 each type their
 * keys their own way, and a test only hands it back to `useSigningKey()`.
 */
export type SigningKey = object & { readonly __mockLogtoSigningKey?: never };

interface KeyEntry {
  privateKey: SigningKey;
  jwk: JWK & { kid: string };
}

/** A fresh ES384 key pair's private half, e.g. for `useSigningKey` (a key the JWKS does not hold). */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('ES384', { extractable: true });
  return privateKey as SigningKey;
}

async function keyEntry(alg: 'ES384' | 'RS256'): Promise<KeyEntry> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  // Logto's kid is the key's RFC 7638 thumbprint.
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey: privateKey as SigningKey, jwk: { ...jwk, kid, alg, use: 'sig' } };
}

/** What the next ID tokens are signed with; every field is a knob `reset()` puts back. */
export interface SigningChoice {
  alg: IdTokenAlg;
  /** A key to sign ES384 tokens with instead of the published one (the kid stays the published one). */
  key: SigningKey | undefined;
  /** A `kid` to put in the header instead of the signing key's. */
  kid: string | undefined;
}

/**
 * The tenant's signing keys: an ES384 key (Logto's default) and an RS256 key, made for this run
 * on first use, plus the keys rotation added, newest first; the newest ES384 key signs.
 */
export class SigningKeys {
  private base: Promise<{ es384: KeyEntry; rs256: KeyEntry }> | undefined;
  private rotated: KeyEntry[] = [];
  /** Keys taken out of the JWKS; `first` is the ES384 key the tenant started with. */
  private readonly retired = new Set<KeyEntry | 'first'>();

  /** Does what Logto Console's "Rotate private keys" does; returns the new key's kid. */
  async rotate(): Promise<string> {
    const entry = await keyEntry('ES384');
    this.rotated.unshift(entry);
    return entry.jwk.kid;
  }

  /** Takes the key that signs ES384 tokens out of the JWKS; it keeps signing. */
  retireCurrent(): void {
    this.retired.add(this.rotated[0] ?? 'first');
  }

  /** The public keys the JWKS endpoint serves. */
  async published(): Promise<JWK[]> {
    const { es384, rs256 } = await this.loaded();
    const first = this.retired.has('first') ? [] : [es384];
    return [...this.rotated.filter((entry) => !this.retired.has(entry)), ...first, rs256].map(
      ({ jwk }) => jwk,
    );
  }

  /** Forgets rotated and retired keys; the first keys stay, as a tenant's would. */
  reset(): void {
    this.rotated = [];
    this.retired.clear();
  }

  async sign(
    claims: Record<string, unknown>,
    choice: SigningChoice,
    clientSecret: string,
  ): Promise<string> {
    const { alg } = choice;
    if (alg === 'none') {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    }
    if (alg === 'HS256') {
      // What a provider that signs with the client secret sends.
      return new SignJWT(claims)
        .setProtectedHeader({ alg, typ: 'JWT' })
        .sign(new TextEncoder().encode(clientSecret));
    }
    const entry = alg === 'RS256' ? (await this.loaded()).rs256 : await this.currentEs384();
    const key = alg === 'ES384' ? (choice.key ?? entry.privateKey) : entry.privateKey;
    return new SignJWT(claims)
      .setProtectedHeader({ alg, typ: 'JWT', kid: choice.kid ?? entry.jwk.kid })
      .sign(key as Parameters<SignJWT['sign']>[0]);
  }

  private async currentEs384(): Promise<KeyEntry> {
    return this.rotated[0] ?? (await this.loaded()).es384;
  }

  private loaded() {
    this.base ??= Promise.all([keyEntry('ES384'), keyEntry('RS256')]).then(([es384, rs256]) => ({
      es384,
      rs256,
    }));
    return this.base;
  }
}
