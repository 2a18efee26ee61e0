/**
 * A credential's 年度 is counted as Japan counts it: one issued at 01:00 JST on 1 April 2027
 * (still 31 March in UTC) is of FY2027 (令和9年度), not FY2026. The registry is built with that
 * clock (as the domain tests build theirs) and the app answers real requests through its HTTP
 * layer: the verification answer (GET /v/{id}, JSON) and the badge image of a declaration
 * credential issued without a declaration date (宣言日), whose card then names the 年度.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { ADMIN as admin, registryOnFreshFile } from '../helpers/database-file.js';

const TOKEN = 'credential-fiscal-year-token-0123456789abcdef';
const BASE = 'http://localhost:8787';
const ISSUED_AT = '2027-03-31T16:00:00.000Z';

type Json = Record<string, any>;

async function published() {
  // Its file is closed and removed when the test finishes.
  const { registry } = await registryOnFreshFile('credential-fiscal-year-', { now: () => new Date(ISSUED_AT) });
  await registry.tokens.bootstrapAdmin(TOKEN);
  const org = await registry.organizations.create(admin, { kind: 'company', name: '年度境界株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
  const draft = await registry.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2027-03-01', guidelineAreas: ['labor'] });
  await registry.declarations.act(admin, draft.id, 'submit');
  await registry.declarations.act(admin, draft.id, 'publish');
  const [credential] = await registry.deps.credentials.listFor({ type: 'declaration', id: draft.id });
  const app = createApp({ registry, publicBaseUrl: BASE });
  return { registry, app, credentialId: credential!.verificationUrl.split('/').pop()! };
}

describe('a credential issued at 01:00 JST on 1 April 2027', () => {
  it('is of FY2027 in the verification answer', async () => {
    const { app, credentialId } = await published();
    const answer = await app.request(`${BASE}/v/${credentialId}`, { headers: { accept: 'application/json' } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Json;
    expect(body.validFrom).toBe(ISSUED_AT);
    expect(body.declaration.fiscalYear).toBe(2027);
  });

  it('is of 令和9年度 on the badge of a declaration credential without a declaration date', async () => {
    const { registry, app, credentialId } = await published();
    // The same declaration's credential, given to the VC-API without its activityStartDate (宣言日).
    const stored = (await registry.credentials.get(credentialId))!;
    const { proof: _proof, id: _id, credentialStatus: _status, ...credential } = JSON.parse(stored.dataIntegrity) as Json;
    delete credential.credentialSubject.activityStartDate;
    const issued = await app.request(`${BASE}/credentials/issue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credential }),
    });
    expect(issued.status, await issued.clone().text()).toBe(201);
    const id = String(((await issued.json()) as Json).verifiableCredential.id).split('/').pop()!;
    const badge = await app.request(`${BASE}/credentials/${id}/badge.svg`);
    expect(badge.status).toBe(200);
    const svg = await badge.text();
    // The card's 年度 row: its label, then its value.
    const row = /年度<tspan[^>]*>Fiscal year<\/tspan><\/text><text[^>]*>([^<]*)<\/text>/.exec(svg);
    expect(row?.[1]).toBe('令和9年度（2027年度）');
  });
});
