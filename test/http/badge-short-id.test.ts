/**
 * The short ID on the compact badge and beside each badge on the organization page tells badges
 * apart and is found in the full ID on the verification page. Credential IDs are UUIDv7, whose
 * first block is the time: a declaration and an award issued in the same minute showed the same
 * "ID 01a2433d". Real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential, newestCredential } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let organizationId: string;
let declarationId: string;
let awardId: string;

beforeAll(async () => {
  server = await startTestServer();
  const company = await seedCompany(server, { n: 91, publish: true, name: '株式会社短縮ID' });
  organizationId = company.organization.id;
  declarationId = credentialUuid((await declarationCredential(server, company.declarationId)).ref.id);
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2025, category: 'excellence', overview: '地方拠点を開設しました。' } });
  if (award.status !== 201) throw new Error(`award: ${award.status} ${award.text}`);
  awardId = credentialUuid((await newestCredential(server, `/api/v1/awards/${award.body.id}`)).ref.id);
});

afterAll(async () => {
  await server?.close();
});

/** The ID printed on the compact card (the text after "ID"). */
async function compactCardId(credentialId: string): Promise<string> {
  const svg = await (await fetch(`${server.url}/credentials/${credentialId}/badge.svg?size=compact`)).text();
  return />ID <tspan[^>]*>([^<]+)<\/tspan>/.exec(svg)![1]!;
}

describe('the short ID of a badge', () => {
  it('two badges issued in the same minute have different short IDs on their compact cards', async () => {
    const [declarationCard, awardCard] = [await compactCardId(declarationId), await compactCardId(awardId)];
    expect(declarationCard).not.toBe(awardCard);
    // Each is the end of the full ID that the verification page shows.
    expect(declarationId.endsWith(declarationCard)).toBe(true);
    expect(awardId.endsWith(awardCard)).toBe(true);
    const page = await (await fetch(`${server.url}/v/${declarationId}`)).text();
    expect(page).toContain(declarationId);
  });

  it('the organization page names each badge by the same short ID as its card', async () => {
    const html = (await server.call('GET', `/organizations/${organizationId}`, { token: null, headers: { accept: 'text/html' } })).text;
    const shown = [...html.matchAll(/ · ID ([0-9a-f-]+)</g)].map((m) => m[1]);
    expect(shown.sort()).toEqual([await compactCardId(declarationId), await compactCardId(awardId)].sort());
    expect(new Set(shown).size).toBe(2);
  });
});
