/**
 * A registry with one credential in each state a verifier meets: valid, suspended, revoked,
 * superseded (amended), an award, and an organization whose name is hostile HTML. Shared by the
 * HTTP tests of badges and pages and the real-browser tests.
 */
import { credentialUuid, declarationCredential, newestCredential } from '../helpers/credentials.js';
import { DECLARATION, seedCompany, type TestServer } from '../helpers/server.js';

export const HOSTILE_NAME = '<script>alert(1)</script>';
export const AWARD = { fiscalYear: 2025, category: 'minister', overview: 'サテライトオフィスを3拠点に開設し、社員12名が地方へ移住しました。', message: '地方で働く選択肢を、すべての社員に。' };

export async function seedStates(server: TestServer) {
  const act = async (declarationId: string, action: string, body: unknown) => {
    const response = await server.call('POST', `/api/v1/declarations/${declarationId}/${action}`, { body });
    if (response.status !== 200) throw new Error(`${action}: ${response.status} ${response.text}`);
  };
  const valid = await seedCompany(server, { n: 11, publish: true, name: '株式会社みらいワーク' });
  const suspended = await seedCompany(server, { n: 12, publish: true, name: '一時停止テスト株式会社' });
  await act(suspended.declarationId, 'suspend', { reason: 'under-investigation' });
  const revoked = await seedCompany(server, { n: 13, publish: true, name: '取消テスト株式会社' });
  await act(revoked.declarationId, 'revoke', { reason: 'false-declaration' });
  const hostile = await seedCompany(server, { n: 14, publish: true, name: HOSTILE_NAME });
  const amended = await seedCompany(server, { n: 15, publish: true, name: '改訂テスト株式会社' });
  const before = await declarationCredential(server, amended.declarationId);
  const amend = await server.call('PUT', `/api/v1/declarations/${amended.declarationId}`, { token: amended.orgToken, body: { ...DECLARATION, policy: '改訂した取組方針です。' } });
  if (amend.status !== 200) throw new Error(`amend: ${amend.status} ${amend.text}`);
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: valid.organization.id, ...AWARD } });
  if (award.status !== 201) throw new Error(`award: ${award.status} ${award.text}`);
  const hostileAward = await server.call('POST', '/api/v1/awards', { body: { organizationId: hostile.organization.id, fiscalYear: 2025, category: 'excellence', overview: HOSTILE_NAME } });
  if (hostileAward.status !== 201) throw new Error(`award: ${hostileAward.status} ${hostileAward.text}`);

  const idOf = async (declarationId: string) => credentialUuid((await declarationCredential(server, declarationId)).ref.id);
  const validCredential = await declarationCredential(server, valid.declarationId);
  return {
    valid: { ...valid, credentialId: credentialUuid(validCredential.ref.id), credential: validCredential },
    suspended: { ...suspended, credentialId: await idOf(suspended.declarationId) },
    revoked: { ...revoked, credentialId: await idOf(revoked.declarationId) },
    hostile: { ...hostile, credentialId: await idOf(hostile.declarationId) },
    superseded: { ...amended, credentialId: credentialUuid(before.ref.id), currentId: await idOf(amended.declarationId) },
    award: { id: award.body.id as string, credentialId: credentialUuid((await newestCredential(server, `/api/v1/awards/${award.body.id}`)).ref.id) },
    unknownId: '00000000-0000-4000-8000-000000000000',
  };
}

export type SeededStates = Awaited<ReturnType<typeof seedStates>>;
