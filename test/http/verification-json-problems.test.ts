/**
 * GET /v/{id} as JSON, read by a recruiting site that shows `problems` beside `verdict`: a
 * withdrawn declaration's badge and one replaced by a newer version must not be reported as
 * 'Credential revoked' (the registry marks all three with the same status bit); a badge the
 * secretariat revoked still is. POST /credentials/verify says the same: the problem keeps its
 * type (/problems/revoked) and says what happened. Real server, real HTTP.
 *
 * Every title a verification problem can have has its Japanese, which the pages show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { declarationAction, DECLARATION, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const ids: Record<'withdrawn' | 'superseded' | 'revoked', string> = { withdrawn: '', superseded: '', revoked: '' };
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
