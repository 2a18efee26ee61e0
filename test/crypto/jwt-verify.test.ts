import { compactVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateIssuerKey, importSigningKey, importVerifyKey } from '../../src/adapters/crypto/keys.js';
import { signVcJwt, verifyVcJwt } from '../../src/adapters/crypto/jwt.js';
import { base64urlEncode, utf8 } from '../../src/domain/encoding.js';

const key = await generateIssuerKey();
const privateKey = await importSigningKey(key);
const publicKey = await importVerifyKey(key.publicKeyMultibase);
const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:issuer', credentialSubject: { name: '株式会社テスト' } };
const jwt = await signVcJwt({ credential, privateKey, kid: 'did:example:issuer#key-1' });

/** A compact JWS with any header, really signed with the key (so only the header can be at fault). */
async function signedWith(header: Record<string, unknown>) {
  const input = `${base64urlEncode(utf8.encode(JSON.stringify(header)))}.${jwt.split('.')[1]}`;
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, utf8.encode(input)));
  return `${input}.${base64urlEncode(signature)}`;
}

describe('vc+jwt signature check', () => {
  it('accepts what it signed', async () => {
    expect(await verifyVcJwt(jwt, publicKey)).toEqual({ verified: true, errors: [] });
  });

  it('refuses any changed character, as jose does', async () => {
    const positions = [2, jwt.indexOf('.') + 5, Math.floor(jwt.length / 2), jwt.lastIndexOf('.') + 3, jwt.length - 2];
    for (const at of positions) {
      const changed = jwt.slice(0, at) + (jwt[at] === 'A' ? 'B' : 'A') + jwt.slice(at + 1);
      const ours = await verifyVcJwt(changed, publicKey);
      const theirs = await compactVerify(changed, publicKey).then(() => true, () => false);
      expect(ours.verified, `position ${at}`).toBe(false);
      expect(theirs, `position ${at}`).toBe(false);
    }
  });

  it('names what is wrong with a header or the form', async () => {
    const cases: [string, string, RegExp][] = [
      ['another algorithm', await signedWith({ alg: 'HS256', typ: 'vc+jwt', kid: 'k' }), /"alg" is "HS256"/],
      ['a critical extension', await signedWith({ alg: 'EdDSA', typ: 'vc+jwt', crit: ['exp'], exp: 1 }), /critical extensions/],
      ['the wrong typ', await signedWith({ alg: 'EdDSA', typ: 'JWT' }), /"typ" is "JWT", not "vc\+jwt"/],
      ['a header that is not an object', await signedWith([] as never), /not a JSON object/],
      ['two parts', jwt.split('.').slice(0, 2).join('.'), /compact serialization/],
      ['a short signature', `${jwt.slice(0, jwt.lastIndexOf('.'))}.AAAA`, /did not verify/],
    ];
    for (const [name, input, reason] of cases) {
      const outcome = await verifyVcJwt(input, publicKey);
      expect(outcome.verified, name).toBe(false);
      expect(outcome.errors.join(' '), name).toMatch(reason);
    }
  });

  it('checks the typ it is asked for (presentations)', async () => {
    const presentation = await signedWith({ alg: 'EdDSA', typ: 'vp+jwt' });
    expect((await verifyVcJwt(presentation, publicKey, 'vp+jwt')).verified).toBe(true);
    expect((await verifyVcJwt(presentation, publicKey)).errors).toEqual(['JWT "typ" is "vp+jwt", not "vc+jwt".']);
  });
});
