/**
 * The web form's 「提出」 of edited content is one change: the new version and the submission
 * commit in one batch. Raced on one SQLite connection against a withdrawal (calls interleave at
 * every await), exactly one of the two wins, and a lost submission leaves no new version behind.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

const INPUT = { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] };

async function registryWithDraft() {
  const { store, registry } = await registryInMemory();
  const org = await registry.organizations.create(admin, { kind: 'company', name: '同時提出株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
  const draft = await registry.declarations.create(admin, org.id, INPUT);
  const actions = async () => (await registry.audit.list(admin, { entityType: 'declaration', limit: 100 })).items.map((e) => e.action).sort();
  return { store, registry, draft, actions };
}

describe('amend and submit in one batch (real SQLite)', () => {
  it('saves the new version and submits it, with both audit entries', async () => {
    const { store, registry, draft, actions } = await registryWithDraft();
    const submitted = await registry.declarations.amendAndSubmit(admin, draft.id, { ...INPUT, signerName: '佐藤' }, draft.rowVersion);
    expect(submitted).toMatchObject({ status: 'submitted', currentVersion: 2, content: { signerName: '佐藤' } });
    expect(await registry.declarations.view(admin.actor, draft.id)).toMatchObject({ status: 'submitted', currentVersion: 2 });
    expect(await actions()).toEqual(['declaration.amend', 'declaration.create', 'declaration.submit']);
    await store.close();
  });

  it('raced against a withdrawal started at every point of it, either both parts commit or neither does', async () => {
    const ticks = async (n: number) => { for (let i = 0; i < n; i++) await Promise.resolve(); };
    const outcomes = new Set<string>();
    for (let delay = 0; delay <= 60; delay += 2) {
      const { store, registry, draft, actions } = await registryWithDraft();
      const [submission, withdrawal] = await Promise.allSettled([
        registry.declarations.amendAndSubmit(admin, draft.id, { ...INPUT, signerName: '佐藤' }),
        ticks(delay).then(() => registry.declarations.act(admin, draft.id, 'withdraw')),
      ]);
      const now = await registry.declarations.view(admin.actor, draft.id);
      const audited = await actions();
      if (submission.status === 'fulfilled') {
        expect(now.currentVersion).toBe(2);
        expect(audited).toEqual(expect.arrayContaining(['declaration.amend', 'declaration.submit']));
      } else {
        // The withdrawal came first: the submission, new version included, left nothing.
        expect(submission.reason).toBeInstanceOf(DomainError);
        expect(withdrawal.status).toBe('fulfilled');
        expect(now).toMatchObject({ status: 'withdrawn', currentVersion: 1, content: { signerName: '山田' } });
        expect(audited).toEqual(['declaration.create', 'declaration.withdraw']);
      }
      outcomes.add(submission.status);
      await store.close();
    }
    // The delays cover both orders: the submission lost to the withdrawal and won.
    expect([...outcomes].sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('refuses a declaration that cannot be submitted before saving anything', async () => {
    const { store, registry, draft, actions } = await registryWithDraft();
    await registry.declarations.act(admin, draft.id, 'submit');
    await expect(registry.declarations.amendAndSubmit(admin, draft.id, { ...INPUT, signerName: '佐藤' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await registry.declarations.view(admin.actor, draft.id)).toMatchObject({ status: 'submitted', currentVersion: 1 });
    expect(await actions()).toEqual(['declaration.create', 'declaration.submit']);
    await store.close();
  });
});
