/**
 * The verification API as a recruiting site's developer meets it when sending the wrong thing:
 * an empty body, JSON text of another kind, a string that is no JWT, a JWT with a broken part, a
 * proof of another cryptosuite, a huge body, a presentation inside a presentation, unicode in ids,
 * duplicate keys, keys that are no keys. Every answer is a 4xx: an RFC 9457 problem in Japanese
 * and English naming the field, or a verification result naming the failed check, each problem in
 * the registry's words, never a 5xx nor the words of a library ("Invalid signature.", "Multikey
 * is not an Ed25519 public key.", "Safe mode validation error."). Real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationCredential, decodeJwt, signedPresentation } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

/** Words of @digitalbazaar/vc, jsonld-signatures, jsonld and the key reader that must never reach a caller. */
const LIBRARY_ENGLISH = /Invalid signature\.|Multikey|Safe mode|No matching proofs|insufficient proofs|is not as expected|Unexpected token|JSON\.parse/;

let server: TestServer;
let credential: Awaited<ReturnType<typeof declarationCredential>>;

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { n: 91, publish: true });
  credential = await declarationCredential(server, company.declarationId);
});

afterAll(async () => {
  await server?.close();
});

const send = (path: string, rawBody: string) => server.call('POST', path, { token: null, rawBody, headers: { 'content-type': 'application/json' } });
const verify = (verifiableCredential: unknown) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });

/** A refused request: 4xx problem+json, in Japanese and English, naming `field`. */
function expectRequestProblem(response: { status: number; headers: Headers; body: Json; text: string }, field: string, status = 400) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body.messages.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  expect(response.body.messages.en).toBeTruthy();
  if (status === 400) expect(response.body.errors.map((e: Json) => e.field)).toContain(field);
  expect(response.text).not.toMatch(LIBRARY_ENGLISH);
}

/** A verification that ran: 400, `check` failed, its problem titled `title` with Japanese, nothing of a library's. */
function expectFailedCheck(response: { status: number; body: Json; text: string }, check: string, title: string) {
  expect(response.status).toBe(400);
  expect(response.body.verified).toBe(false);
  expect(response.body.results).toContainEqual({ check, verified: false });
  const problem = response.body.errors.find((p: Json) => p.title === title);
  expect(problem, JSON.stringify(response.body.errors)).toBeDefined();
  expect(problem.messages.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  expect(response.text).not.toMatch(LIBRARY_ENGLISH);
}

describe('bodies that are not a verification request', () => {
  for (const path of ['/credentials/verify', '/presentations/verify']) {
    it(`${path}: empty, JSON text of a string, null, a list, cut-off JSON → 400 naming the body; over 1 MiB → 413`, async () => {
      for (const body of ['', '{"verifiable'] ) expectRequestProblem(await send(path, body), '/');
      for (const body of ['"eyJhbGciOiJFZERTQSJ9.e30.c2ln"', 'null', '[]']) expectRequestProblem(await send(path, body), '/');
      expectRequestProblem(await send(path, JSON.stringify({ verifiableCredential: 'x'.repeat(1_100_000) })), '/', 413);
    });
  }

  it('a presentation given as a string, or without options.challenge → 400 naming the field', async () => {
    expectRequestProblem(await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: 'abc', options: { challenge: 'c' } } }), '/verifiablePresentation');
    expectRequestProblem(await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: {}, options: {} } }), '/options/challenge');
  });

  it('a JWT whose parts are not all base64url is told so, not to send JSON-LD as an object', async () => {
    for (const text of ['eyJhbGciOiJFZERTQSJ9.@@@.abc', `${credential.jwt.split('.').slice(0, 2).join('.')}.!!!`, `${credential.jwt}==`]) {
      const response = await verify(text);
      expectRequestProblem(response, '/verifiableCredential');
      expect(response.body.errors[0].ja).toBe('vc+jwt として読み取れません。ヘッダー・ペイロード・署名の3つの部分は、ピリオドで区切った base64url（英数字と - _ のみ、= なし）で書いてください。');
      expect(response.body.errors[0].en).toBe('Not a readable vc+jwt: its three parts (header, payload, signature) must be base64url (letters, digits, - and _, no =) separated by periods.');
    }
    for (const text of ['hello', '{"id":"urn:example:a.b"}']) {
      expect((await verify(text)).body.errors[0].en).toBe('A string must be a vc+jwt (compact JWS); send a JSON-LD credential as a JSON object, not as JSON text.');
    }
  });

  it('a credential as a string that is no JWT, or whose parts are not base64url → 400 naming /verifiableCredential', async () => {
    for (const text of ['hello', 'eyJhbGciOiJFZERTQSJ9.@@@.abc', `${credential.jwt.split('.').slice(0, 2).join('.')}.!!!`]) expectRequestProblem(await verify(text), '/verifiableCredential');
  });
});

describe('credentials that are wrong in themselves: a verification result naming the failed check', () => {
  it('a JWT whose payload part is not base64url JSON: the parse check', async () => {
    const [h, p, s] = credential.jwt.split('.');
    expectFailedCheck(await verify(`${h}.${p}x.${s}`), 'parse', 'Unparseable credential');
  });

  it('a proof of an unknown cryptosuite: "Unsupported proof"', async () => {
    const other = structuredClone(credential.dataIntegrity);
    other.proof[0].cryptosuite = 'bbs-2023';
    expectFailedCheck(await verify(other), 'proof', 'Unsupported proof');
  });

  it('altered after signing: "Invalid proof" in the registry\'s words, not "Invalid signature."', async () => {
    const altered = { ...structuredClone(credential.dataIntegrity), validFrom: '2020-01-01T00:00:00Z' };
    const response = await verify(altered);
    expectFailedCheck(response, 'proof', 'Invalid proof');
    expect(response.body.errors.find((p: Json) => p.title === 'Invalid proof').detail).toBe('the signature does not match the credential: it was altered after it was signed, or signed with another key.');
  });

  it('a term no context defines: "Credential not verifiable", not the jsonld safe-mode error', async () => {
    expectFailedCheck(await verify({ ...structuredClone(credential.dataIntegrity), undefinedTerm: 'x' }), 'proof', 'Credential not verifiable');
  });

  it('unicode in ids and a key that is no Ed25519 did:key (Data Integrity and vc+jwt): "Unknown verification method" under the proof check, not a failed parse', async () => {
    const unicode = structuredClone(credential.dataIntegrity);
    unicode.id = 'urn:uuid:日本語の識別子';
    unicode.proof[0].verificationMethod = 'did:key:日本#日本';
    expectFailedCheck(await verify(unicode), 'proof', 'Unknown verification method');
    const bogus = structuredClone(credential.dataIntegrity);
    bogus.proof[0].verificationMethod = 'did:key:z6MkBogus#z6MkBogus';
    expectFailedCheck(await verify(bogus), 'proof', 'Unknown verification method');
    const { header } = decodeJwt(credential.jwt);
    const [, p, s] = credential.jwt.split('.');
    for (const kid of ['did:key:z6MkBogus#z6MkBogus', 'did:key:日本#日本']) {
      const response = await verify(`${Buffer.from(JSON.stringify({ ...header, kid })).toString('base64url')}.${p}.${s}`);
      expectFailedCheck(response, 'proof', 'Unknown verification method');
      expect(response.body.results).toContainEqual({ check: 'parse', verified: true });
    }
  });

  it('duplicate keys: the last one is what is verified, and said so by its checks', async () => {
    const text = JSON.stringify(credential.dataIntegrity);
    const response = await send('/credentials/verify', `{"verifiableCredential": ${text}, "verifiableCredential": "a.b.c"}`);
    expectFailedCheck(response, 'parse', 'Unparseable credential');
    const inner = await send('/credentials/verify', `{"verifiableCredential": ${text.replace('{', '{"id":"urn:uuid:first",')}}`);
    expect(inner.status).toBe(200);
    expect(inner.body.verified).toBe(true);
  });
});

describe('presentations that are wrong in themselves', () => {
  it('a presentation inside a presentation: its proof is missing and the inner one is no credential, each named', async () => {
    const vp = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'c' });
    const response = await server.call('POST', '/presentations/verify', {
      token: null,
      body: { verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [vp] }, options: { challenge: 'c' } },
    });
    expectFailedCheck(response, 'presentationProof', 'Missing presentation proof');
    expect(response.body.credentials[0].errors.map((p: Json) => p.title)).toContain('Malformed credential');
  });

  it('unicode in the holder and its key: "Unknown verification method" and "Holder mismatch", in the registry\'s words', async () => {
    const vp = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'c' });
    const keyed = structuredClone(vp);
    keyed.proof.verificationMethod = 'did:key:日本#日本';
    keyed.holder = 'did:key:日本';
    expectFailedCheck(await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: keyed, options: { challenge: 'c' } } }), 'presentationProof', 'Unknown verification method');
    const claimed = await server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: { ...vp, holder: 'did:key:日本' }, options: { challenge: 'c' } } });
    expectFailedCheck(claimed, 'holder', 'Holder mismatch');
  });
});
