/**
 * A portal with more than one page: 22 published companies (readings chosen so that name order
 * differs from publication order; the first two with every declaration field filled in, only the
 * first consenting to publish them all), a municipality, a 大臣賞 and 優秀賞 in FY2025, an award in
 * FY2023 and a revoked one in FY2022 (so FY2022 and FY2024 have none to show). Shared by the HTTP
 * and the browser tests of the portal.
 */
import { credentialUuid, newestCredential } from '../helpers/credentials.js';
import { corporateNumberFor, DECLARATION, MUNICIPALITY, type TestServer } from '../helpers/server.js';

export const COMPANY_COUNT = 22;

/**
 * The first company's declaration: everything filled in and consented to publish (the signer,
 * purposes and measures too; measures with markup that must come out as text). The second one
 * fills the same fields but publishes only the defaults' policy, date and areas.
 */
export const DETAILED_DECLARATION = {
  ...DECLARATION,
  signerName: '佐藤 一郎',
  signerTitle: '代表取締役社長',
  sharedOn: '2025-04-10',
  purposes: ['1', '5'],
  measures: 'サテライトオフィス<3拠点>を開設。\n移住した社員の交通費を補助。',
  publicFields: ['signerName', 'signerTitle', 'committedOn', 'sharedOn', 'guidelineAreas', 'purposes', 'policy', 'measures'],
};
export const UNPUBLISHED_DETAILS_DECLARATION = { ...DETAILED_DECLARATION, signerName: '鈴木 二郎', measures: '非公表の取組内容です。', publicFields: ['committedOn', 'guidelineAreas', 'policy'] };

const ok = <R extends { status: number; text: string }>(response: R, what: string, status = 200): R => {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${response.text}`);
  return response;
};

export async function seedPortal(server: TestServer) {
  const companies: { id: string; name: string; nameEn?: string; declarationId: string }[] = [];
  for (let i = 0; i < COMPANY_COUNT; i++) {
    const name = `ポータル試験${i + 1}号株式会社`;
    const nameEn = i === 0 ? 'Portal Test One Co., Ltd.' : undefined;
    const org = ok(
      await server.call('POST', '/api/v1/organizations', {
        body: { kind: 'company', name, nameKana: `ぽーたるしけん${String(i).padStart(2, '0')}`, ...(nameEn ? { nameEn } : {}), corporateNumber: corporateNumberFor(300 + i), prefectureCode: '13', industryCode: 'G' },
      }),
      'organization',
      201,
    );
    const token = ok(await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.body.id, label: name } }), 'token', 201);
    const declaration = ok(await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { token: token.body.token, body: i === 0 ? DETAILED_DECLARATION : i === 1 ? UNPUBLISHED_DETAILS_DECLARATION : DECLARATION }), 'declaration', 201);
    ok(await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`, { token: token.body.token }), 'submit');
    ok(await server.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`), 'publish');
    companies.push({ id: org.body.id, name, ...(nameEn ? { nameEn } : {}), declarationId: declaration.body.id });
  }
  const municipality = ok(await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, nameEn: 'Chiyoda City' } }), 'municipality', 201).body;
  const award = async (organizationId: string, fiscalYear: number, category: string, awardedOn: string) => {
    const response = ok(await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear, category, awardedOn, overview: `${fiscalYear}年度の取組` } }), 'award', 201);
    return { id: response.body.id as string, credentialId: credentialUuid((await newestCredential(server, `/api/v1/awards/${response.body.id}`)).ref.id) };
  };
  const minister = await award(companies[0]!.id, 2025, 'minister', '2026-01-20');
  const excellence = await award(companies[1]!.id, 2025, 'excellence', '2026-01-20');
  const municipal = await award(municipality.id, 2023, 'excellence', '2024-02-01');
  const revoked = await award(companies[2]!.id, 2022, 'excellence', '2023-02-01');
  ok(await server.call('POST', `/api/v1/awards/${revoked.id}/revoke`, { body: { reason: 'other' } }), 'revoke award');
  const declarationCredentialId = credentialUuid((await newestCredential(server, `/api/v1/declarations/${companies[0]!.declarationId}`)).ref.id);
  return { companies, municipality: municipality as { id: string; name: string }, minister, excellence, municipal, revoked, declarationCredentialId };
}

export type SeededPortal = Awaited<ReturnType<typeof seedPortal>>;
