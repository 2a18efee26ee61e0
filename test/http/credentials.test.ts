/**
 * Credentials over real HTTP: round trips through POST /credentials/verify, tampering, revoked /
 * suspended / reinstated (with the served status list), expired, another issuer, presentations,
 * amendments, and that no response ever carries private key material.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import {
  CRYPTO_ERROR, INVALID_CHALLENGE, VC_V2, credentialsOf, decodeBitstring, decodeJwt, declarationCredential, didKeyHolder, localUrl,
  privateKeyLeaks, startServerWithKnownKeys, publicBaseUrl, recordResponses, signedPresentation, withPayload,
} from '../helpers/credentials.js';
import { DECLARATION, seedCompany, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

let server: TestServer;
let privateKeyDs: () => string[];
let base: string;
let recorded: { texts: string[] };
/** Company 1's published declaration and its credential. */
let published: Awaited<ReturnType<typeof seedCompany>>;
let credential: Awaited<ReturnType<typeof declarationCredential>>;

const problem = (name: string) => `${base}/problems/${name}`;
const envelope = (jwt: string) => ({ '@context': [VC_V2], id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' });
const verify = (verifiableCredential: unknown) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });
const types = (body: Json) => (body.problemDetails as Json[]).map((p) => p.type as string);

beforeAll(async () => {
  ({ server, privateKeyDs } = await startServerWithKnownKeys());
  base = publicBaseUrl(server);
  recorded = recordResponses(server);
  published = await seedCompany(server, { n: 1, publish: true });
  credential = await declarationCredential(server, published.declarationId);
});

afterAll(async () => {
  await server?.close();
});

describe('round trips through POST /credentials/verify', () => {
  const forms: [string, () => unknown][] = [
    ['Data Integrity JSON-LD', () => credential.dataIntegrity],
    ['compact JWT string', () => credential.jwt],
    ['EnvelopedVerifiableCredential', () => envelope(credential.jwt)],
  ];
  it.each(forms)('%s → 200 {verified: true, results}', async (_name, input) => {
    const response = await verify(input());
    expect(response.body.problemDetails).toEqual([]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ verified: true, issuedByRegistry: true, status: { revoked: false, suspended: false } });
    expect(response.body.results.length).toBeGreaterThan(0);
    const checks = (response.body.results as Json[]).map((r) => r.check);
    expect(checks).toEqual(expect.arrayContaining(['proof', 'issuer', 'validFrom', 'validUntil', 'status', 'schema']));
    expect((response.body.results as Json[]).every((r) => r.verified === true)).toBe(true);
  });

  it('serves the credential at its id: Data Integrity by default, as application/vc (VC 2.0 §6.2), the JWT with Accept: application/vc+jwt', async () => {
    expect(credential.dataIntegrity.id).toBe(credential.ref.id);
    expect(credential.ref.id).toMatch(new RegExp(`^${base}/credentials/[0-9a-f-]{36}$`));
    const di = await fetch(localUrl(server, credential.ref.id));
    expect(di.headers.get('content-type')).toBe('application/vc');
    const jwt = await fetch(localUrl(server, credential.ref.id), { headers: { accept: 'application/vc+jwt' } });
    expect(jwt.headers.get('content-type')).toContain('application/vc+jwt');
    expect(decodeJwt(await jwt.text()).payload.id).toBe(credential.ref.id);
  });
});

describe('tampering with a signed credential fails, with the reason, twice the same', () => {
  const tamperings: [string, (c: Json) => void, string[]][] = [
    ['credentialSubject.name', (c) => (c.credentialSubject.name = '株式会社にせもの'), []],
    ['identifier identityHash', (c) => (c.credentialSubject.identifier[0].identityHash = '4011001098993'), []],
    ['achievement name', (c) => (c.credentialSubject.achievement.name = '地方創生テレワーク表彰 大臣賞'), []],
    ['validUntil', (c) => (c.validUntil = '2099-03-31T14:59:59Z'), []],
    ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00Z'), []],
    ['issuer id', (c) => (c.issuer.id = 'did:web:evil.example'), ['untrusted-issuer']],
    ['credentialStatus index', (c) => (c.credentialStatus[0].statusListIndex = String((Number(c.credentialStatus[0].statusListIndex) + 1) % 131072)), []],
  ];

  /** Verifies the same input twice (the second may hit caches) and expects the same failure both times. */
  async function expectRejectedTwice(input: unknown, extra: string[]) {
    const first = await verify(input);
    const second = await verify(input);
    for (const response of [first, second]) {
      expect(response.status).toBe(400);
      expect(response.body.verified).toBe(false);
      expect(types(response.body)).toContain(CRYPTO_ERROR);
      for (const name of extra) expect(types(response.body)).toContain(problem(name));
      expect(response.body.results).toContainEqual({ check: 'proof', verified: false });
      const crypto = (response.body.problemDetails as Json[]).find((p) => p.type === CRYPTO_ERROR)!;
      expect(crypto.title).toMatch(/proof/i);
      expect(crypto.detail).toEqual(expect.any(String));
    }
    expect({ ...second.body }).toEqual({ ...first.body });
  }

  it.each(tamperings)('Data Integrity: %s', async (_name, tamper, extra) => {
    const copy = structuredClone(credential.dataIntegrity);
    tamper(copy);
    await expectRejectedTwice(copy, extra);
  });

  it.each(tamperings)('JWT payload: %s', async (_name, tamper, extra) => {
    const payload = structuredClone(decodeJwt(credential.jwt).payload);
    tamper(payload);
    const forged = withPayload(credential.jwt, payload);
    await expectRejectedTwice(forged, extra);
    await expectRejectedTwice(envelope(forged), extra);
  });

  it('Data Integrity: one byte of the proof value', async () => {
    const copy = structuredClone(credential.dataIntegrity);
    const value: string = copy.proof[0].proofValue;
    const i = Math.floor(value.length / 2);
    copy.proof[0].proofValue = value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1);
    await expectRejectedTwice(copy, []);
  });

  it('JWT: one byte of the signature, and a payload from another credential under this signature', async () => {
    const [h, p, s] = credential.jwt.split('.');
    const sig = Buffer.from(s!, 'base64url');
    sig[10]! ^= 0x01;
    await expectRejectedTwice(`${h}.${p}.${sig.toString('base64url')}`, []);
    const other = await declarationCredential(server, (await seedCompany(server, { n: 2, publish: true })).declarationId);
    await expectRejectedTwice(`${h}.${other.jwt.split('.')[1]}.${s}`, []);
  });

  it('JWT verified again and again (kept decoded after its second time): the same answer each time; another payload under its signature fails and is not taken for either record', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await verify(credential.jwt));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (const answer of answers.slice(1)) expect(answer.body).toEqual(answers[0]!.body);
    const other = await declarationCredential(server, (await seedCompany(server, { n: 21, publish: true })).declarationId);
    const [h, , s] = credential.jwt.split('.');
    const forged = `${h}.${other.jwt.split('.')[1]}.${s}`;
    for (let i = 0; i < 3; i++) {
      const answer = await verify(forged);
      expect(answer.status).toBe(400);
      // It names the other credential and the registry's key, but its signature is not the registry's.
      expect(decodeJwt(forged).payload.id).toBe(decodeJwt(other.jwt).payload.id);
      expect(answer.body.credentialId).toBeUndefined();
      expect(answer.body.issuedByRegistry).toBe(false);
      expect(types(answer.body)).toEqual([CRYPTO_ERROR]);
    }
    expect((await verify(credential.jwt)).body).toEqual(answers[0]!.body);
  });

  it('the untouched credential still verifies after all that (no cache poisoning)', async () => {
    expect((await verify(credential.dataIntegrity)).status).toBe(200);
    expect((await verify(credential.jwt)).status).toBe(200);
  });
});

describe('revoked, suspended, reinstated: verification and the served status list agree within a second', () => {
  let company: Awaited<ReturnType<typeof seedCompany>>;
  let vc: Awaited<ReturnType<typeof declarationCredential>>;
  const entry = (purpose: string) => (vc.dataIntegrity.credentialStatus as Json[]).find((e) => e.statusPurpose === purpose)!;

  /** Fetches the status list named by the credential's entry and reads its bit, polling up to one second. */
  async function bitWithinASecond(purpose: string, expected: boolean) {
    const { statusListCredential, statusListIndex } = entry(purpose);
    const started = Date.now();
    for (;;) {
      const response = await fetch(localUrl(server, statusListCredential));
      expect(response.status).toBe(200);
      const list = (await response.json()) as Json;
      expect(list.id).toBe(statusListCredential);
      expect(list.type).toContain('BitstringStatusListCredential');
      expect(list.credentialSubject.statusPurpose).toBe(purpose);
      const bits = decodeBitstring(list.credentialSubject.encodedList);
      expect(bits.length).toBeGreaterThanOrEqual(131_072);
      const isSet = bits.isSet(Number(statusListIndex));
      if (isSet === expected) return { etag: response.headers.get('etag'), cacheControl: response.headers.get('cache-control') };
      if (Date.now() - started > 1000) throw new Error(`${purpose} bit ${statusListIndex} is still ${isSet} after one second`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function expectVerdict(expected: 'valid' | 'revoked' | 'suspended') {
    for (const input of [vc.dataIntegrity, vc.jwt, envelope(vc.jwt)]) {
      const response = await verify(input);
      if (expected === 'valid') {
        expect(response.body.problemDetails).toEqual([]);
        expect(response.status).toBe(200);
      } else {
        expect(response.status).toBe(400);
        expect(types(response.body)).toEqual([problem(expected)]);
        expect(response.body.status).toEqual({ revoked: expected === 'revoked', suspended: expected === 'suspended' });
        expect(response.body.checks).toContain('proof');
      }
    }
  }

  const act = async (action: string, body?: unknown) => {
    const response = await server.call('POST', `/api/v1/declarations/${company.declarationId}/${action}`, body === undefined ? {} : { body });
    expect(response.status, response.text).toBe(200);
  };

  beforeAll(async () => {
    company = await seedCompany(server, { n: 3, publish: true });
    vc = await declarationCredential(server, company.declarationId);
  });

  it('a published declaration: clear bits, ETag and Cache-Control, If-None-Match → 304', async () => {
    await expectVerdict('valid');
    for (const purpose of ['revocation', 'suspension']) {
      const { etag, cacheControl } = await bitWithinASecond(purpose, false);
      expect(etag).toBeTruthy();
      expect(cacheControl).toMatch(/max-age=\d+/);
      const url = localUrl(server, entry(purpose).statusListCredential);
      const again = await fetch(url, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect((await fetch(url, { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
    }
  });

  it('serves the form the Accept header prefers (q-values, q=0 refused, any case), each form with its own ETag', async () => {
    const credentialUrl = localUrl(server, vc.ref.id);
    const listUrl = localUrl(server, entry('suspension').statusListCredential);
    const cases: [string, string][] = [
      ['application/vc+jwt;q=0, application/json', 'application/json'],
      ['application/json;q=1, application/vc+jwt;q=0.5', 'application/json'],
      ['application/vc+ld+json, application/vc+jwt', 'application/vc+ld+json'],
      ['APPLICATION/VC+JWT', 'application/vc+jwt'],
      ['application/vc', 'application/vc'],
      ['application/vc+ld+json', 'application/vc+ld+json'],
      ['application/ld+json', 'application/ld+json'],
      ['application/json', 'application/json'],
      ['text/html;q=0.9, application/vc+jwt;q=0.8', 'application/vc+jwt'],
      // No JSON type named: the JSON-LD form as VC 2.0's registered application/vc.
      ['*/*', 'application/vc'],
      ['application/*', 'application/vc'],
      ['image/png', 'application/vc'],
    ];
    for (const url of [credentialUrl, listUrl]) {
      for (const [accept, type] of cases) {
        const response = await fetch(url, { headers: { accept } });
        expect(response.headers.get('content-type'), `${url} ${accept}`).toBe(type);
        expect(response.headers.get('vary')).toContain('Accept');
        const text = await response.text();
        expect(text.startsWith('{'), `${url} ${accept}`).toBe(type !== 'application/vc+jwt');
      }
    }
    const jsonLd = (await fetch(listUrl)).headers.get('etag')!;
    const jwt = (await fetch(listUrl, { headers: { accept: 'application/vc+jwt' } })).headers.get('etag')!;
    expect(jwt).not.toBe(jsonLd);
    expect((await fetch(listUrl, { headers: { accept: 'application/vc+jwt', 'if-none-match': jsonLd } })).status).toBe(200);
    // Weak tags (re-signing changes the bytes, not the content), compared weakly: with or without W/.
    expect(jwt.startsWith('W/"')).toBe(true);
    expect((await fetch(listUrl, { headers: { accept: 'application/vc+jwt', 'if-none-match': `"x", ${jwt}` } })).status).toBe(304);
    expect((await fetch(listUrl, { headers: { accept: 'application/vc+jwt', 'if-none-match': `"x", ${jwt.slice(2)}` } })).status).toBe(304);
  });

  it('suspended (under-investigation) → suspended problem and the suspension bit; the ETag changes', async () => {
    const { etag: before } = await bitWithinASecond('suspension', false);
    await act('suspend', { reason: 'under-investigation' });
    const { etag: after } = await bitWithinASecond('suspension', true);
    expect(after).not.toBe(before);
    expect((await fetch(localUrl(server, entry('suspension').statusListCredential), { headers: { 'if-none-match': before! } })).status).toBe(200);
    await bitWithinASecond('revocation', false);
    await expectVerdict('suspended');
  });

  it('reinstated → valid again, bit cleared', async () => {
    await act('reinstate');
    await bitWithinASecond('suspension', false);
    await expectVerdict('valid');
  });

  it('revoked (false-declaration) → revoked problem and the revocation bit', async () => {
    await act('revoke', { reason: 'false-declaration' });
    await bitWithinASecond('revocation', true);
    await bitWithinASecond('suspension', false);
    await expectVerdict('revoked');
    const listed = await credentialsOf(server, `/api/v1/declarations/${company.declarationId}`);
    expect(listed.map((c) => c.status)).toEqual(['revoked']);
  });
});

describe('expired: a credential signed with a validUntil in the past', () => {
  it('a plain VC 2.0 credential (only VC 2.0 terms) → 400 expired, in both forms', async () => {
    const unsigned = {
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      validFrom: '2020-04-01T00:00:00Z',
      validUntil: '2021-03-31T14:59:59Z',
      credentialSubject: { id: 'urn:uuid:6c1f1e5e-8a38-4c1a-9a57-8f4b3f0c2d11' },
    };
    for (const options of [{}, { format: 'vc+jwt' }]) {
      const issued = await server.call('POST', '/credentials/issue', { body: { credential: unsigned, options } });
      expect(issued.status, issued.text).toBe(201);
      const response = await verify(issued.body.verifiableCredential);
      expect(response.status).toBe(400);
      expect(types(response.body)).toEqual([problem('expired')]);
      expect(response.body.checks).toEqual(expect.arrayContaining(['proof', 'issuer', 'validFrom', 'status']));
      expect(response.body.results).toContainEqual({ check: 'validUntil', verified: false });
    }
  });

  it('an OpenBadgeCredential shaped like the registry’s own → 400 expired (and nothing else)', async () => {
    const { id: _id, proof: _proof, credentialStatus: _status, ...content } = structuredClone(credential.dataIntegrity);
    const unsigned = { ...content, validFrom: '2021-04-01T00:00:00Z', validUntil: '2024-03-31T14:59:59Z' };
    const issued = await server.call('POST', '/credentials/issue', { body: { credential: unsigned } });
    expect(issued.status, issued.text).toBe(201);
    const response = await verify(issued.body.verifiableCredential);
    expect(response.status).toBe(400);
    expect(types(response.body)).toEqual([problem('expired')]);
    expect(response.body.checks).toContain('schema');
  });
});

describe('a credential from another issuer (did:key)', () => {
  it('→ 400, issuedByRegistry false, "not issued by this registry", signature still checked offline', async () => {
    const key = await generateIssuerKey();
    const other = createIssuerIdentity({ baseUrl: 'https://other.example', method: 'did:key', keys: [key] });
    const signed = await createCredentialSecurer({ identity: other }).secure({
      '@context': [VC_V2, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:5f1d7f0a-0d52-4d8e-9c1b-2a1c3e4f5a6b',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: other.did, type: ['Profile'], name: '別の発行者' },
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { id: 'urn:uuid:1', type: ['Achievement'], name: 'x', description: 'y', criteria: { narrative: 'z' } },
      },
    });
    for (const input of [signed.dataIntegrity, signed.jwt, envelope(signed.jwt)]) {
      const response = await verify(input);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ verified: false, issuedByRegistry: false });
      expect(types(response.body)).toEqual([problem('untrusted-issuer')]);
      expect(response.body.problemDetails[0].title).toMatch(/not issued by this registry/i);
      expect(response.body.checks).toContain('proof');
    }
    // Tampered, it fails the signature as well.
    const tampered = structuredClone(signed.dataIntegrity) as Json;
    tampered.credentialSubject.achievement.name = 'y';
    const response = await verify(tampered);
    expect(types(response.body)).toEqual(expect.arrayContaining([problem('untrusted-issuer'), CRYPTO_ERROR]));
  });
});

const PROOF_VERIFICATION_ERROR = 'https://w3id.org/security#PROOF_VERIFICATION_ERROR';
const INVALID_VERIFICATION_METHOD_URL = 'https://w3id.org/security#INVALID_VERIFICATION_METHOD_URL';

describe('a credential from another issuer whose key cannot be retrieved (did:web, an https key, an unknown DID method)', () => {
  let signed: { dataIntegrity: Json; jwt: string };
  const withKey = (verificationMethod: string) => {
    const copy = structuredClone(signed.dataIntegrity);
    copy.proof[0].verificationMethod = verificationMethod;
    return copy;
  };
  const pasteOnVerifyPage = async (pasted: string, query = '') => {
    const form = new FormData();
    form.set('credential', pasted);
    const response = await fetch(`${server.url}/verify${query}`, { method: 'POST', body: form });
    return { status: response.status, html: await response.text() };
  };

  beforeAll(async () => {
    const other = createIssuerIdentity({ baseUrl: 'https://other.example', method: 'did:web', keys: [await generateIssuerKey()] });
    signed = await createCredentialSecurer({ identity: other }).secure({
      '@context': [VC_V2],
      id: 'urn:uuid:0b8c5d3e-6f4a-4c1b-9e2d-7a5f3c1e8b90',
      type: ['VerifiableCredential'],
      issuer: other.did,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:subject' },
    }) as { dataIntegrity: Json; jwt: string };
  });

  it('POST /credentials/verify: "Verification method not retrievable" (PROOF_VERIFICATION_ERROR), never "Invalid proof"', async () => {
    const keys = [signed.dataIntegrity.proof[0].verificationMethod, 'https://other.example/keys/1', 'did:example:123#key-1'];
    for (const input of [signed.dataIntegrity, signed.jwt, envelope(signed.jwt), withKey(keys[1]), withKey(keys[2])]) {
      const response = await verify(input);
      expect(response.status).toBe(400);
      expect(types(response.body)).toEqual([problem('untrusted-issuer'), PROOF_VERIFICATION_ERROR]);
      const unchecked = response.body.problemDetails[1];
      expect(unchecked.title).toBe('Verification method not retrievable');
      expect(unchecked.detail).toMatch(/could not be retrieved.*so the signature could not be checked/);
      expect(response.body.problemDetails.map((p: Json) => p.title)).not.toContain('Invalid proof');
      // Nor does the issuer problem say the signature was checked.
      expect(response.body.problemDetails[0].detail).not.toMatch(/signature was checked/);
      expect(response.body.results).toContainEqual({ check: 'proof', verified: false });
    }
    const notAUrl = await verify(withKey('key-1'));
    expect(types(notAUrl.body)).toEqual([problem('untrusted-issuer'), INVALID_VERIFICATION_METHOD_URL]);
  });

  it('the /verify page says the key could not be retrieved, not that the signature is wrong, in Japanese and in English', async () => {
    const ja = await pasteOnVerifyPage(JSON.stringify(signed.dataIntegrity));
    expect(ja.status).toBe(200);
    expect(ja.html).toContain('署名に使われた公開鍵を取得できなかったため、署名を確認できませんでした');
    expect(ja.html).not.toContain('署名が正しくありません');
    const en = await pasteOnVerifyPage(signed.jwt, '?lang=en');
    expect(en.html).toContain('Verification method not retrievable: The issuer&#39;s public key');
    expect(en.html).not.toContain('Invalid proof');
  });

  it('the /verify verdict is "cannot be checked here", not a forgery, with what to do; its JSON answer agrees; a bad signature under a key at hand stays "invalid"', async () => {
    const ja = await pasteOnVerifyPage(JSON.stringify(signed.dataIntegrity));
    expect(ja.html).toContain('data-verdict="unchecked"');
    expect(ja.html).toContain('ここでは確認できません');
    expect(ja.html).toContain('本物とも偽物とも判断していません');
    expect(ja.html).toContain('発行者に問い合わせるか、発行者自身の確認ページで確認してください');
    expect(ja.html).not.toMatch(/改ざんされたか|偽物の可能性/);
    const en = await pasteOnVerifyPage(signed.jwt, '?lang=en');
    expect(en.html).toContain('Cannot be checked here');
    expect(en.html).toContain('neither confirmed as genuine nor found false');
    expect(en.html).toContain('ask the issuer, or check it on the issuer’s own verification page');
    expect(en.html).not.toContain('may have been altered');
    // Another issuer's badge as it comes, with its own status lists (never fetched): unchecked all the same.
    const withStatus = await pasteOnVerifyPage(readFileSync(new URL('../fixtures/credentials/legacy-declaration.json', import.meta.url), 'utf8'));
    expect(withStatus.html).toContain('data-verdict="unchecked"');

    const form = new FormData();
    form.set('credential', JSON.stringify(withKey('https://other.example/keys/1')));
    const json = await fetch(`${server.url}/verify`, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
    expect(json.status).toBe(200);
    const answer = (await json.json()) as Json;
    expect(answer).toMatchObject({ verdict: 'unchecked', valid: false, verdictLabel: { ja: 'ここでは確認できません', en: 'Cannot be checked here' } });
    expect(answer.explanation.en).toMatch(/neither confirmed as genuine nor found false/);

    // A key that is not a URL is malformed, not out of reach; a did:key signature that fails was checked and is wrong.
    expect((await pasteOnVerifyPage(JSON.stringify(withKey('key-1')))).html).toContain('data-verdict="invalid"');
    const didKey = createIssuerIdentity({ baseUrl: 'https://other.example', method: 'did:key', keys: [await generateIssuerKey()] });
    const checkable = (await createCredentialSecurer({ identity: didKey }).secure({ ...structuredClone(signed.dataIntegrity), proof: undefined, issuer: didKey.did })) as { dataIntegrity: Json };
    const tampered = { ...checkable.dataIntegrity, validFrom: '2024-01-01T00:00:00Z' };
    const forged = await pasteOnVerifyPage(JSON.stringify(tampered));
    expect(forged.html).toContain('data-verdict="invalid"');
    expect(forged.html).toContain('改ざんされたか');
  });
});

describe('POST /presentations/verify: a company presents its badge to a recruiter', () => {
  it('a VP signed by a did:key holder with challenge and domain → 200; wrong challenge or domain → 400', async () => {
    const vp = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'recruit-nonce-42', domain: 'recruit.example' });
    const ok = await server.call('POST', '/presentations/verify', {
      token: null, body: { verifiablePresentation: vp, options: { challenge: 'recruit-nonce-42', domain: 'recruit.example' } },
    });
    expect(ok.body.problemDetails).toEqual([]);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, holder: vp.holder });
    expect(ok.body.credentials[0]).toMatchObject({ verified: true, issuedByRegistry: true });

    const wrongChallenge = await server.call('POST', '/presentations/verify', {
      token: null, body: { verifiablePresentation: vp, options: { challenge: 'another-nonce', domain: 'recruit.example' } },
    });
    expect(wrongChallenge.status).toBe(400);
    expect(wrongChallenge.body.verified).toBe(false);
    expect(types(wrongChallenge.body)).toContain(INVALID_CHALLENGE);

    const wrongDomain = await server.call('POST', '/presentations/verify', {
      token: null, body: { verifiablePresentation: vp, options: { challenge: 'recruit-nonce-42', domain: 'phish.example' } },
    });
    expect(wrongDomain.status).toBe(400);
    expect(wrongDomain.body.verified).toBe(false);
  });

  it('a holder given as an object ({ id }) is checked against the signer as a URL is', async () => {
    const signer = await didKeyHolder();
    const body = (vp: Json) => ({ token: null, body: { verifiablePresentation: vp, options: { challenge: 'n-holder' } } });
    const own = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'n-holder', holder: signer, holderField: { id: signer.did } });
    const accepted = await server.call('POST', '/presentations/verify', body(own));
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ verified: true, holder: signer.did });
    expect(accepted.body.checks).toContain('holder');

    const victim = await didKeyHolder();
    const claimed = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'n-holder', holder: signer, holderField: { id: victim.did } });
    const refused = await server.call('POST', '/presentations/verify', body(claimed));
    expect(refused.status).toBe(400);
    expect(refused.body.results.find((r: Json) => r.check === 'holder')).toEqual({ check: 'holder', verified: false });
  });

  it('a VP signed without the domain asked for fails the domain check only: its challenge matched', async () => {
    const vp = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'n-domain' });
    const response = await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: vp, options: { challenge: 'n-domain', domain: 'recruit.example' } } });
    expect(response.status).toBe(400);
    const outcome = Object.fromEntries((response.body.results as Json[]).map((r) => [r.check, r.verified]));
    expect(outcome).toMatchObject({ presentationProof: true, challenge: true, domain: false });
  });

  it('a VP signed with a holder key that cannot be retrieved (did:web) says so, not "Invalid presentation proof"', async () => {
    const vp = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'n-web-holder' });
    const withKey = (verificationMethod: string) => {
      const copy = structuredClone(vp);
      copy.proof.verificationMethod = verificationMethod;
      copy.holder = verificationMethod.split('#')[0];
      return copy;
    };
    const send = (presentation: Json) => server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: presentation, options: { challenge: 'n-web-holder' } } });

    const response = await send(withKey('did:web:holder.example#key-1'));
    expect(response.status).toBe(400);
    expect(types(response.body)).toEqual([PROOF_VERIFICATION_ERROR]);
    const [unchecked] = response.body.problemDetails;
    expect(unchecked.title).toBe('Verification method not retrievable');
    expect(unchecked.detail).toMatch(/holder's public key "did:web:holder\.example#key-1" could not be retrieved.*so the signature could not be checked/);
    expect(response.body.results).toContainEqual({ check: 'presentationProof', verified: false });
    expect(response.body.credentials[0]).toMatchObject({ verified: true, issuedByRegistry: true });

    const notAUrl = await send(withKey('key-1'));
    expect(notAUrl.status).toBe(400);
    expect(types(notAUrl.body)).toContain(INVALID_VERIFICATION_METHOD_URL);
    expect(notAUrl.body.problemDetails.map((p: Json) => p.title)).not.toContain('Invalid presentation proof');
  });

  it('a VP of a revoked credential → 400 even though the holder’s proof is fine', async () => {
    const company = await seedCompany(server, { n: 4, publish: true });
    const vc = await declarationCredential(server, company.declarationId);
    await server.call('POST', `/api/v1/declarations/${company.declarationId}/revoke`, { body: { reason: 'false-declaration' } });
    const vp = await signedPresentation(server, [vc.dataIntegrity], { challenge: 'n-1' });
    const response = await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: vp, options: { challenge: 'n-1' } } });
    expect(response.status).toBe(400);
    expect(response.body.credentials[0].status).toEqual({ revoked: true, suspended: false });
  });
});

describe('amending a published declaration', () => {
  it('issues a new credential; the old one then fails as revoked (superseded)', async () => {
    const company = await seedCompany(server, { n: 5, publish: true });
    const old = await declarationCredential(server, company.declarationId);
    const amended = await server.call('PUT', `/api/v1/declarations/${company.declarationId}`, {
      token: company.orgToken, body: { ...DECLARATION, policy: '改訂した取組方針：サテライトオフィスを新設します。' },
    });
    expect(amended.status, amended.text).toBe(200);
    const list = await credentialsOf(server, `/api/v1/declarations/${company.declarationId}`);
    expect(list).toHaveLength(2);
    const current = await declarationCredential(server, company.declarationId);
    expect(current.ref.id).not.toBe(old.ref.id);
    expect(list.find((c) => c.id === old.ref.id)?.status).toBe('superseded');
    expect(current.dataIntegrity.evidence[0].narrative).toContain('サテライトオフィスを新設'); // the published policy

    for (const input of [old.dataIntegrity, old.jwt]) {
      const response = await verify(input);
      expect(response.status).toBe(400);
      expect(types(response.body)).toEqual([problem('revoked')]);
    }
    for (const input of [current.dataIntegrity, current.jwt]) expect((await verify(input)).status).toBe(200);
    // The old credential's revocation bit is set in the served list.
    const { statusListCredential, statusListIndex } = old.dataIntegrity.credentialStatus.find((e: Json) => e.statusPurpose === 'revocation');
    const list2 = (await (await fetch(localUrl(server, statusListCredential))).json()) as Json;
    expect(decodeBitstring(list2.credentialSubject.encodedList).isSet(Number(statusListIndex))).toBe(true);
  });
});

describe('no private key material in any response', () => {
  it('scans every response of this file for a JWK "d" member and for the key file’s d value', async () => {
    // A few more responses worth scanning on their own.
    for (const path of ['/.well-known/did.json', '/.well-known/jwks.json', '/contexts/registry/v1']) await server.call('GET', path, { token: null });
    await server.call('GET', `/api/v1/organizations/${published.organization.id}/credentials`, { token: published.orgToken });
    const dValues = privateKeyDs();
    expect(dValues.length).toBeGreaterThan(0);
    expect(recorded.texts.length).toBeGreaterThan(50);
    expect(privateKeyLeaks(recorded.texts, dValues)).toEqual([]);
  });
});
