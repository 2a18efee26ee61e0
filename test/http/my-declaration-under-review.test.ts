/**
 * A declaration under review, read on /my/declaration: each field is marked with whether it will
 * be published, not as published already: the public has seen nothing of it yet. Once it is
 * public, the marks say published / not published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationAction, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.close());

/** Each field's label with its mark, as read (DECLARATION consents to 宣言日, the areas and 取組方針 by default). */
const labels = (html: string) => [...html.matchAll(/<dt>([\s\S]*?)<\/dt>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replaceAll('&#39;', "'"));

describe('a declaration’s fields on /my/declaration', () => {
  it('under review, never published: marked as to be published or not, in Japanese and English', async () => {
    const { organization, orgToken, declarationId } = await seedCompany(server, { n: 650 });
    await declarationAction(server, declarationId, 'submit', { token: orgToken });
    const member = await signInAsMember(server, organization.id);
    const ja = labels((await member.request('GET', '/my/declaration')).text);
    expect(ja).toContain('宣言日（トップのコミットメントの日）（公表する）');
    expect(ja).toContain('宣言者（代表者）の氏名（公表しない）');
    const en = labels((await member.request('GET', '/my/declaration?lang=en')).text);
    expect(en).toContain('Date of the commitment (to be published)');
    expect(en).toContain("Signer's (representative's) name (not to be published)");
    expect(en.join('\n')).not.toMatch(/\((not )?published\)/);
  });
});
