/**
 * POST /presentations/verify when the holder's own proof fails: each way it can fail is a problem
 * of the registry's (a stable title, its spec type, Japanese and English `messages`) under the
 * check it belongs to, never the verification library's English ("Invalid signature.", "No
 * matching proofs found…", "insufficient proofs matched…", "The challenge is not as expected…").
 * Real signed presentations (a did:key holder, Data Integrity and vp+jwt), real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationCredential, didKeyHolder, envelopedCredential, signedPresentation, vpJwt } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

const CRYPTO = 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR';
const SECURITY = 'https://w3id.org/security#';

/** What the library says in its own words; none of it may reach a caller. */
const LIBRARY_ENGLISH = /Invalid signature\.|No matching proofs|insufficient proofs|Unknown verification method "|Multikey is not|is not as expected|Safe mode|not authorized by controller|Did not verify/;

let server: TestServer;
let credential: Awaited<ReturnType<typeof declarationCredential>>;
/** A presentation of the credential, signed by a did:key holder for challenge "c-1" and domain "recruit.example". */
let signed: Json;

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { n: 71, publish: true });
  credential = await declarationCredential(server, company.declarationId);
  signed = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'c-1', domain: 'recruit.example' });
});

afterAll(async () => {
  await server?.close();
});

const verify = (verifiablePresentation: unknown, options: Json = { challenge: 'c-1', domain: 'recruit.example' }) =>
  server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation, options } });
const outcomeOf = (body: Json) => Object.fromEntries((body.results as Json[]).map((r) => [r.check, r.verified]));
const changed = (edit: (vp: Json) => void) => {
  const copy = structuredClone(signed);
  edit(copy);
  return copy;
};

/** One failed proof: 400, its check failed, one problem with the expected title, type and Japanese, nothing of the library's. */
function expectProblem(response: { status: number; body: Json }, { title, type, ja, check = 'presentationProof' }: { title: string; type: string; ja: string; check?: string }) {
  expect(response.status).toBe(400);
  expect(response.body.verified).toBe(false);
  expect(outcomeOf(response.body)[check]).toBe(false);
  expect(response.body.errors.map((p: Json) => p.title)).toEqual([title]);
  const [problem] = response.body.errors;
  expect(problem.type).toBe(type);
  expect(Object.keys(problem.messages)).toEqual(['ja', 'en']);
  expect(problem.messages.ja).toBe(ja);
  expect(problem.messages.en).toBe(`${title}: ${problem.detail}`);
  expect(JSON.stringify(response.body.errors)).not.toMatch(LIBRARY_ENGLISH);
  // The credential inside is still judged on its own.
  expect(response.body.credentials[0]).toMatchObject({ verified: true, issuedByRegistry: true });
}

describe('a Data Integrity presentation whose holder proof fails', () => {
  it('signature does not match (altered after signing): "Invalid presentation proof"', async () => {
    const altered = await verify(changed((vp) => (vp.id = 'urn:uuid:00000000-0000-4000-8000-000000000001')));
    expectProblem(altered, { title: 'Invalid presentation proof', type: CRYPTO, ja: 'プレゼンテーションの署名が正しくありません。内容が書き換えられたか、別の鍵で署名されています。' });
    expect(altered.body.errors[0].detail).toBe("The holder's signature does not match the presentation: it was altered after it was signed, or signed with another key.");
  });

  it('another challenge: "Invalid challenge" (the signature held); another domain: "Invalid domain" (the challenge matched)', async () => {
    const challenge = await verify(signed, { challenge: 'c-2', domain: 'recruit.example' });
    expectProblem(challenge, { check: 'challenge', title: 'Invalid challenge', type: `${SECURITY}INVALID_CHALLENGE_ERROR`, ja: 'プレゼンテーションのチャレンジ（challenge）が、検証者の指定した値と一致しません。' });
    expect(outcomeOf(challenge.body).presentationProof).toBe(true);
    expect(challenge.body.errors[0].detail).toBe('The presentation was signed for another challenge, not "c-2".');
    const domain = await verify(signed, { challenge: 'c-1', domain: 'phish.example' });
    expectProblem(domain, { check: 'domain', title: 'Invalid domain', type: `${SECURITY}INVALID_DOMAIN_ERROR`, ja: 'プレゼンテーションのドメイン（domain）が、検証者の指定した値と一致しません。' });
    expect(outcomeOf(domain.body)).toMatchObject({ presentationProof: true, challenge: true });
    expect(domain.body.errors[0].detail).toBe('The presentation was signed for another domain, not "phish.example".');
  });

  it('no proof at all: "Missing presentation proof", not a holder signed by ""', async () => {
    const response = await verify(changed((vp) => delete vp.proof));
    expectProblem(response, { title: 'Missing presentation proof', type: CRYPTO, ja: 'プレゼンテーションに保有者の署名（proof）がありません。保有者が署名したプレゼンテーションを送ってください。' });
    expect(outcomeOf(response.body)).toMatchObject({ presentationProof: false, challenge: false, holder: false });
  });

  it('a key its did:key does not hold, or a malformed did:key: "Unknown verification method", the signature neither confirmed nor called wrong', async () => {
    const ja = '署名に使われた鍵（verificationMethod または kid）がその DID に見つからないため、署名を確認できませんでした（正しいとも誤りとも判断していません）。';
    const fragment = await verify(changed((vp) => (vp.proof.verificationMethod = `${vp.holder}#z6MkUnknown`)));
    expectProblem(fragment, { title: 'Unknown verification method', type: `${SECURITY}PROOF_VERIFICATION_ERROR`, ja });
    const malformed = await verify(changed((vp) => {
      vp.proof.verificationMethod = 'did:key:zBogus#zBogus';
      vp.holder = 'did:key:zBogus';
    }));
    expectProblem(malformed, { title: 'Unknown verification method', type: `${SECURITY}PROOF_VERIFICATION_ERROR`, ja });
    expect(malformed.body.errors[0].detail).toContain('"did:key:zBogus#zBogus"');
  });

  it('another purpose than authentication, another cryptosuite, a proof made in the future: each named, none called altered', async () => {
    expectProblem(await verify(changed((vp) => (vp.proof.proofPurpose = 'assertionMethod'))), {
      title: 'Mismatched presentation proof purpose',
      type: `${SECURITY}MISMATCHED_PROOF_PURPOSE_ERROR`,
      ja: '署名の目的（proofPurpose）が保有者による認証（authentication）ではないため、プレゼンテーションの署名として認められません。',
    });
    expectProblem(await verify(changed((vp) => (vp.proof.cryptosuite = 'ecdsa-rdfc-2019'))), {
      title: 'Unsupported proof',
      type: `${SECURITY}PROOF_VERIFICATION_ERROR`,
      ja: '対応していない形式の署名のため、署名を確認できませんでした（確認できるのは DataIntegrityProof の eddsa-rdfc-2022 による署名だけです）。',
    });
    expectProblem(await verify(changed((vp) => (vp.proof.created = '2999-01-01T00:00:00Z'))), {
      title: 'Proof not in force',
      type: `${SECURITY}PROOF_VERIFICATION_ERROR`,
      ja: '署名の有効な期間外です。署名の作成日時（created）が未来か、署名の期限（expires）が過ぎています。',
    });
  });

  it('a term no context defines: "Presentation not verifiable", not the library\'s safe-mode error', async () => {
    expectProblem(await verify(changed((vp) => (vp.undefinedTerm = 'x'))), {
      title: 'Presentation not verifiable',
      type: CRYPTO,
      ja: 'プレゼンテーションの署名を確認できませんでした（内容を署名の対象として読み取れません。未定義の語彙や不正な値がないか確認してください）。',
    });
  });
});

describe('a vp+jwt whose holder proof fails', () => {
  const jwtOf = (envelope: Json) => envelope.id.slice('data:application/vp+jwt,'.length) as string;
  const enveloped = (jwt: string) => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiablePresentation', id: `data:application/vp+jwt,${jwt}` });
  const payload = (extra: Json = {}) => ({ verifiableCredential: [envelopedCredential(credential.jwt)], nonce: 'c-1', aud: 'recruit.example', ...extra });

  it('signature does not match: "Invalid presentation proof" in the registry\'s words', async () => {
    const [h, p, s] = jwtOf((await vpJwt(payload())).envelope).split('.');
    const response = await verify(enveloped(`${h}.${p}.${s!.slice(0, -4)}AAAA`));
    expectProblem(response, { title: 'Invalid presentation proof', type: CRYPTO, ja: 'プレゼンテーションの署名が正しくありません。内容が書き換えられたか、別の鍵で署名されています。' });
  });

  it('no kid, or a kid of a malformed did:key: "Unknown verification method"', async () => {
    const ja = '署名に使われた鍵（verificationMethod または kid）がその DID に見つからないため、署名を確認できませんでした（正しいとも誤りとも判断していません）。';
    const [h, p, s] = jwtOf((await vpJwt(payload())).envelope).split('.');
    const header = JSON.parse(Buffer.from(h!, 'base64url').toString());
    const { kid: _kid, ...noKid } = header;
    const withHeader = (value: Json) => enveloped(`${Buffer.from(JSON.stringify(value)).toString('base64url')}.${p}.${s}`);
    const noKidAnswer = await verify(withHeader(noKid));
    expectProblem(noKidAnswer, { title: 'Unknown verification method', type: `${SECURITY}PROOF_VERIFICATION_ERROR`, ja });
    // No key names a signer: the holder is unconfirmed, not "signed by \"\"".
    expect(outcomeOf(noKidAnswer.body).holder).toBe(false);
    const bogus = 'did:key:z6MkBogus';
    const response = await verify((await vpJwt(payload({ holder: bogus }), 'vp+jwt', `${bogus}#z6MkBogus`)).envelope);
    expectProblem(response, { title: 'Unknown verification method', type: `${SECURITY}PROOF_VERIFICATION_ERROR`, ja });
  });

  it('another alg: "Unsupported presentation JWT", the signature not called wrong', async () => {
    const [h, p, s] = jwtOf((await vpJwt(payload())).envelope).split('.');
    const header = { ...JSON.parse(Buffer.from(h!, 'base64url').toString()), alg: 'ES256' };
    const response = await verify(enveloped(`${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}.${s}`));
    expectProblem(response, {
      title: 'Unsupported presentation JWT',
      type: CRYPTO,
      ja: '対応していない形式の JWT のため、プレゼンテーションの署名を確認できませんでした（確認できるのは typ が vp+jwt、alg が EdDSA で、保有者の鍵が did:key の JWT だけです）。',
    });
  });

  it('expired (exp) or not yet valid (nbf): "Presentation not in force", not "Invalid presentation proof"', async () => {
    const ja = 'プレゼンテーションの有効期間外です。JWT の有効期限（exp）が過ぎているか、有効期間の開始日時（nbf）がまだ来ていません。';
    const now = Math.floor(Date.now() / 1000);
    expectProblem(await verify((await vpJwt(payload({ exp: now - 3600 }))).envelope), { title: 'Presentation not in force', type: CRYPTO, ja });
    expectProblem(await verify((await vpJwt(payload({ nbf: now + 3600 }))).envelope), { title: 'Presentation not in force', type: CRYPTO, ja });
  });

  it('made by a wallet whose clock runs two minutes ahead (iat and nbf its "now"): accepted, as "iat" already is, within the same allowance', async () => {
    const ahead = Math.floor(Date.now() / 1000) + 120;
    const response = await verify((await vpJwt(payload({ iat: ahead, nbf: ahead }))).envelope);
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
  });
});

describe('a did:key holder whose key the presentation names correctly', () => {
  it('still verifies (the checks above refuse only what fails)', async () => {
    const holder = await didKeyHolder();
    const vp = await signedPresentation(server, [credential.dataIntegrity], { challenge: 'c-ok', holder });
    const response = await verify(vp, { challenge: 'c-ok' });
    expect(response.body.errors).toEqual([]);
    expect(response.status).toBe(200);
  });
});
