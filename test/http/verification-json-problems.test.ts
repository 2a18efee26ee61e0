/**
 * GET /v/{id} as JSON, read by a recruiting site that shows `problems` beside `verdict`: a
 * withdrawn declaration's badge and one replaced by a newer version must not be reported as
 * 'Credential revoked' (the registry marks all three with the same status bit); a badge the
 * secretariat revoked still is. POST /credentials/verify says the same: the problem keeps its
 * type (/problems/revoked) and says what happened; so does POST /presentations/verify for each
 * presented credential, word for word as that credential's own answer. Real server, real HTTP.
 *
 * Every problem of a verification answer (errors, warnings, problemDetails, each presented
 * credential's, the /v JSON's problems) also says itself in Japanese and English, as every other
 * problem of the API does: `messages: { ja, en }`. A verified credential's answer is unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential, decodeJwt, envelopedCredential, signedPresentation, vpJwt, withPayload } from '../helpers/credentials.js';
import { declarationAction, DECLARATION, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

let server: TestServer;
const ids: Record<'withdrawn' | 'superseded' | 'revoked', string> = { withdrawn: '', superseded: '', revoked: '' };
/** A published declaration's credential, still valid. */
let active: { dataIntegrity: Record<string, unknown>; jwt: string };
/** Each credential as its organization downloaded it (Data Integrity and vc+jwt). */
const issued = {} as Record<keyof typeof ids, { dataIntegrity: Record<string, unknown>; jwt: string }>;

beforeAll(async () => {
  server = await startTestServer();
  const idOf = async (declarationId: string) => {
    const credential = await declarationCredential(server, declarationId);
    const id = credentialUuid(credential.ref.id);
    issued[(Object.keys(ids) as (keyof typeof ids)[]).find((k) => ids[k] === '')!] = credential;
    return id;
  };
  const withdrawn = await seedCompany(server, { n: 81, publish: true });
  ids.withdrawn = await idOf(withdrawn.declarationId);
  await declarationAction(server, withdrawn.declarationId, 'withdraw', { token: withdrawn.orgToken });
  const amended = await seedCompany(server, { n: 82, publish: true });
  ids.superseded = await idOf(amended.declarationId);
  const amend = await server.call('PUT', `/api/v1/declarations/${amended.declarationId}`, { token: amended.orgToken, body: { ...DECLARATION, policy: '改訂した取組方針です。' } });
  if (amend.status !== 200) throw new Error(`amend: ${amend.status} ${amend.text}`);
  const revoked = await seedCompany(server, { n: 83, publish: true });
  ids.revoked = await idOf(revoked.declarationId);
  await declarationAction(server, revoked.declarationId, 'revoke', { body: { reason: 'false-declaration' } });
  const valid = await seedCompany(server, { n: 84, publish: true });
  active = await declarationCredential(server, valid.declarationId);
});

afterAll(async () => {
  await server?.close();
});

const answerOf = async (id: string) => (await server.call('GET', `/v/${id}`, { token: null, headers: { accept: 'application/json' } })).body;

describe('/v/{id} JSON: problems agree with the verdict', () => {
  it('withdrawn: "Declaration withdrawn", not "Credential revoked"', async () => {
    const answer = await answerOf(ids.withdrawn);
    expect(answer.verdict).toBe('withdrawn');
    expect(answer.problems.map((p: { title: string }) => p.title)).toEqual(['Declaration withdrawn']);
    expect(JSON.stringify(answer.problems)).not.toMatch(/revoked/i);
  });

  it('an older version: "Credential superseded", not "Credential revoked"', async () => {
    const answer = await answerOf(ids.superseded);
    expect(answer.verdict).toBe('superseded');
    expect(answer.problems.map((p: { title: string }) => p.title)).toEqual(['Credential superseded']);
    expect(JSON.stringify(answer.problems)).not.toMatch(/revoked/i);
  });

  it('revoked by the secretariat: still "Credential revoked"', async () => {
    const answer = await answerOf(ids.revoked);
    expect(answer.verdict).toBe('revoked');
    expect(answer.problems.map((p: { title: string }) => p.title)).toEqual(['Credential revoked']);
  });
});

describe('POST /credentials/verify: the revocation bit\'s problem says what happened, its type unchanged', () => {
  const verify = (verifiableCredential: unknown) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });
  const cases = [
    ['withdrawn', 'Declaration withdrawn', /withdrawn its declaration/],
    ['superseded', 'Credential superseded', /newer version/],
    ['revoked', 'Credential revoked', /revoked/],
  ] as const;
  for (const [state, title, detail] of cases) {
    it(`${state}: "${title}" (registryStatus ${state === 'withdrawn' ? 'revoked' : state})`, async () => {
      for (const input of [issued[state].dataIntegrity, issued[state].jwt]) {
        const response = await verify(input);
        expect(response.status).toBe(400);
        const revocation = response.body.problemDetails.filter((p: { type: string }) => p.type.endsWith('/problems/revoked'));
        expect(revocation).toHaveLength(1);
        expect(revocation[0].title).toBe(title);
        expect(revocation[0].detail).toMatch(detail);
        const said = response.body.problemDetails.map((p: { title: string; detail: string }) => `${p.title} ${p.detail}`).join(' ');
        if (state !== 'revoked') expect(said).not.toMatch(/revoked/i);
      }
    });
  }
});

/** Each problem says itself in Japanese and English: `ja` the Japanese of its title, `en` its title and detail. */
function expectMessages(problems: Json[], jaByTitle: Record<string, string>) {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(Object.keys(p)).toEqual(['type', 'title', 'detail', 'messages']);
    expect(p.messages).toEqual({ ja: jaByTitle[p.title], en: `${p.title}: ${p.detail}` });
  }
}

/** Every problem list of a VC-API answer: errors, warnings and problemDetails. */
const listsOf = (body: Json): Json[][] => [body.errors, body.warnings, body.problemDetails];

describe('verification problems in Japanese and English (messages)', () => {
  const verify = (verifiableCredential: unknown, options?: Json) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential, ...(options ? { options } : {}) } });
  const verifyPresentation = (verifiablePresentation: unknown, options: Json) => server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation, options } });

  it('a tampered vc+jwt: "Invalid proof" says in Japanese that the signature is wrong', async () => {
    const { payload } = decodeJwt(active.jwt);
    const forged = withPayload(active.jwt, { ...payload, validUntil: '2099-12-31T23:59:59Z' });
    const response = await verify(forged);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((p: Json) => p.title)).toEqual(['Invalid proof']);
    expectMessages(response.body.errors, { 'Invalid proof': '署名が正しくありません。内容が書き換えられたか、別の鍵で署名されています。' });
    expect(response.body.problemDetails).toEqual(response.body.errors);
    // The /verify page's JSON answer, for the same forgery pasted into its form.
    const form = new FormData();
    form.set('credential', forged);
    const pasted = await fetch(`${server.url}/verify`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
    const answer = (await pasted.json()) as Json;
    expect(answer.verdict).toBe('invalid');
    // Its problems carry no type; title, detail and messages are the API's.
    const { type: _type, ...sameProblem } = response.body.errors[0];
    expect(answer.problems).toEqual([sameProblem]);
  });

  it('a revoked and a withdrawn credential: the revocation bit\'s problem in Japanese, in the API and in /v JSON', async () => {
    const revoked = { 'Credential revoked': 'このクレデンシャルは発行者（事務局）により取り消されています。' };
    const withdrawn = { 'Declaration withdrawn': '団体が宣言を取り下げたため、このクレデンシャルは有効ではありません（取消ではありません）。' };
    for (const input of [issued.revoked.dataIntegrity, issued.revoked.jwt]) expectMessages((await verify(input)).body.errors, revoked);
    expectMessages((await verify(issued.withdrawn.jwt)).body.problemDetails, withdrawn);
    const answer = await answerOf(ids.revoked);
    expect(answer.problems).toEqual([{ title: 'Credential revoked', detail: 'The issuer has revoked this credential.', messages: { ja: revoked['Credential revoked'], en: 'Credential revoked: The issuer has revoked this credential.' } }]);
  });

  it('an expired vc+jwt ("exp" passed): "Credential expired" in Japanese', async () => {
    const { payload } = decodeJwt(active.jwt);
    const response = await verify(withPayload(active.jwt, { ...payload, exp: 1 }));
    const expired = response.body.errors.filter((p: Json) => p.title === 'Credential expired');
    expect(expired).toHaveLength(1);
    expectMessages(expired, { 'Credential expired': '有効期限が切れています。' });
  });

  it('checks left out: the warning "Check not run" in Japanese, on an answer that verified', async () => {
    const response = await verify(active.dataIntegrity, { checks: ['proof'] });
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([]);
    expectMessages(response.body.warnings, { 'Check not run': '一部の確認が行われていません。' });
  });

  it('a malformed presentation and a wrong challenge: the presentation\'s problems in Japanese', async () => {
    const malformed = await verifyPresentation({ '@context': ['https://example.org/not-vc'], type: ['Presentation'] }, { challenge: 'n-ja' });
    expect(malformed.status).toBe(400);
    const titles = new Set(malformed.body.errors.map((p: Json) => p.title));
    expect(titles).toContain('Malformed presentation');
    for (const list of listsOf(malformed.body).filter((l) => l.length)) {
      expectMessages(list.filter((p) => p.title === 'Malformed presentation'), { 'Malformed presentation': 'プレゼンテーションの形式が正しくありません。' });
      for (const p of list) expect(p.messages.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
    const envelope = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiablePresentation', id: 'data:application/vp+jwt,not-a-jwt' };
    expectMessages((await verifyPresentation(envelope, { challenge: 'n-ja' })).body.errors, {
      'Malformed EnvelopedVerifiablePresentation': '包まれたプレゼンテーション（EnvelopedVerifiablePresentation）の形式が正しくありません。',
    });

    const vp = await signedPresentation(server, [active.dataIntegrity], { challenge: 'n-ja' });
    const wrongChallenge = await verifyPresentation(vp, { challenge: 'another' });
    expect(wrongChallenge.status).toBe(400);
    expectMessages(wrongChallenge.body.errors.filter((p: Json) => p.title === 'Invalid challenge'), { 'Invalid challenge': 'プレゼンテーションのチャレンジ（challenge）が、検証者の指定した値と一致しません。' });
  });

  it('a presentation of a revoked credential: that credential\'s problems in Japanese', async () => {
    const vp = await signedPresentation(server, [issued.revoked.dataIntegrity], { challenge: 'n-revoked' });
    const response = await verifyPresentation(vp, { challenge: 'n-revoked' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([]);
    const [presented] = response.body.credentials;
    for (const list of [presented.errors, presented.problemDetails]) expectMessages(list, { 'Credential revoked': 'このクレデンシャルは発行者（事務局）により取り消されています。' });
  });

  it('a verified credential and presentation: the answer is as before (empty lists, no messages anywhere)', async () => {
    for (const input of [active.dataIntegrity, active.jwt]) {
      const response = await verify(input);
      expect(response.status).toBe(200);
      expect(listsOf(response.body)).toEqual([[], [], []]);
      expect(response.text).not.toContain('"messages"');
    }
    const vp = await signedPresentation(server, [active.dataIntegrity], { challenge: 'n-ok' });
    const presented = await verifyPresentation(vp, { challenge: 'n-ok' });
    expect(presented.status).toBe(200);
    expect(listsOf(presented.body)).toEqual([[], [], []]);
    expect(listsOf(presented.body.credentials[0])).toEqual([[], [], []]);
    expect(presented.text).not.toContain('"messages"');
  });
});

describe('POST /presentations/verify: a presented credential reads as POST /credentials/verify reads it', () => {
  /**
   * Each form of the credential inside a presentation of its own form (Data Integrity in a Data
   * Integrity presentation, vc+jwt in a vp+jwt one), and POST /credentials/verify's answer for it alone.
   */
  async function presentedAndAlone(credential: { dataIntegrity: Json; jwt: string }, challenge: string) {
    const enveloped = envelopedCredential(credential.jwt);
    const presentations = [await signedPresentation(server, [credential.dataIntegrity], { challenge }), (await vpJwt({ verifiableCredential: [enveloped], nonce: challenge })).envelope];
    const presented = await Promise.all(presentations.map((vp) => server.call('POST', '/presentations/verify', { token: null, body: { verifiablePresentation: vp, options: { challenge } } })));
    const alone = await Promise.all([credential.dataIntegrity, enveloped].map((c) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: c } })));
    return presented.map((presentation, i) => ({ presentation, alone: alone[i]!.body }));
  }

  it('a withdrawn declaration\'s credential: "Declaration withdrawn" (not revoked), with credentialId and registryStatus', async () => {
    for (const { presentation, alone } of await presentedAndAlone(issued.withdrawn, 'n-withdrawn')) {
      expect(presentation.status).toBe(400);
      expect(presentation.body.errors).toEqual([]);
      expect(presentation.body.credentials).toHaveLength(1);
      const { credential, ...answer } = presentation.body.credentials[0];
      expect(credential.id).toBe(issued.withdrawn.dataIntegrity.id);
      // Word for word what the credential alone is answered, problems, messages and registry fields included.
      expect(answer).toEqual(alone);
      expect(answer.credentialId).toBe(ids.withdrawn);
      expect(answer.registryStatus).toBe('revoked');
      expect(answer.errors.map((p: Json) => p.title)).toEqual(['Declaration withdrawn']);
      expect(answer.errors[0].type).toMatch(/\/problems\/revoked$/);
      expectMessages(answer.errors, { 'Declaration withdrawn': '団体が宣言を取り下げたため、このクレデンシャルは有効ではありません（取消ではありません）。' });
      expect(JSON.stringify(answer.problemDetails)).not.toContain('Credential revoked');
    }
  });

  it('a valid credential: the answer as before, plus its credentialId and registryStatus "active"', async () => {
    for (const { presentation, alone } of await presentedAndAlone(active, 'n-active')) {
      expect(presentation.status).toBe(200);
      const [presented] = presentation.body.credentials;
      expect(Object.keys(presented)).toEqual(['verified', 'checks', 'results', 'errors', 'warnings', 'problemDetails', 'format', 'issuedByRegistry', 'status', 'credentialId', 'registryStatus', 'credential']);
      const { credential: _credential, ...answer } = presented;
      expect(answer).toEqual(alone);
      expect(answer).toMatchObject({ verified: true, errors: [], issuedByRegistry: true, status: { revoked: false, suspended: false }, credentialId: credentialUuid(active.dataIntegrity.id as string), registryStatus: 'active' });
    }
  });
});

describe('every verification problem title has its Japanese', () => {
  /** The top-level arguments of the call whose "(" is at `open`, as source text. */
  function argumentsAt(source: string, open: number): string[] {
    const args: string[] = [];
    let depth = 0;
    let quote: string | null = null;
    let start = open + 1;
    for (let i = open; i < source.length; i++) {
      const ch = source[i]!;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      else if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (--depth === 0) return [...args, source.slice(start, i).trim()];
      } else if (ch === ',' && depth === 1) {
        args.push(source.slice(start, i).trim());
        start = i + 1;
      }
    }
    throw new Error(`unbalanced call at ${open}`);
  }

  /** Every title the crypto adapters pass to problem() or a wrapper of it (fail). */
  function adapterTitles(): { titles: Set<string>; notLiteral: string[] } {
    const dir = join(import.meta.dirname, '../../src/adapters/crypto');
    const titles = new Set<string>();
    const notLiteral: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const call of source.matchAll(/(?<!function )\b(?:problem|fail)\(/g)) {
        const title = argumentsAt(source, call.index + call[0].length - 1)[1];
        // The wrapper forwarding its own parameter: its callers are collected themselves.
        if (title === undefined || title === 'title') continue;
        const literals = [...title.matchAll(/'([A-Z][^']*)'/g)].map((m) => m[1]!);
        if (literals.length === 0) notLiteral.push(`${file}: ${title}`);
        for (const literal of literals) titles.add(literal);
      }
    }
    return { titles, notLiteral };
  }

  it('every title the crypto adapters can emit, and every revocation bit\'s, is in the table', async () => {
    const { japaneseOfProblemTitle } = await import('../../src/domain/credentials/verification-messages.js');
    const { REVOCATION_BIT_PROBLEMS } = await import('../../src/domain/credentials/revocation-bit.js');
    const { titles, notLiteral } = adapterTitles();
    // A title built at run time could not be checked here: each is written out.
    expect(notLiteral).toEqual([]);
    // The collection itself works: the adapters report about thirty distinct problems.
    expect(titles.size).toBeGreaterThan(30);
    for (const title of ['Invalid proof', 'Invalid challenge', 'Invalid domain', 'Holder mismatch', 'Status index out of range', 'Malformed nbf', 'Malformed exp']) expect(titles).toContain(title);
    const missing = [...titles].filter((title) => !/[ぁ-んァ-ヶ一-龠]/.test(japaneseOfProblemTitle(title) ?? ''));
    expect(missing).toEqual([]);
    for (const p of Object.values(REVOCATION_BIT_PROBLEMS)) expect(japaneseOfProblemTitle(p.title)).toBe(p.ja);
    expect(japaneseOfProblemTitle('constructor')).toBeUndefined();
  });
});
