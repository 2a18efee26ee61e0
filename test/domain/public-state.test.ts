import { describe, expect, it } from 'vitest';
import { publicDeclarationOf, publicStateOf, publicUpdatedAtOf, publishedVersionOf } from '../../src/domain/declaration-lifecycle.js';
import type { Declaration } from '../../src/domain/model.js';

const at = '2026-01-01T00:00:00.000Z';

describe('what the public is shown of a declaration', () => {
  it('nothing before its first publication', () => {
    for (const status of ['draft', 'submitted', 'withdrawn'] as const) expect(publicStateOf({ status, publishedAt: null })).toBeNull();
  });

  it('its own status once published', () => {
    for (const status of ['published', 'suspended', 'withdrawn', 'revoked', 'expired'] as const) {
      expect(publicStateOf({ status, publishedAt: at })).toEqual({ status, renewalUnderReview: false });
    }
  });

  it('a renewal after expiry: expired, under review while submitted, and nothing of a returned renewal', () => {
    expect(publicStateOf({ status: 'submitted', publishedAt: at })).toEqual({ status: 'expired', renewalUnderReview: true });
    expect(publicStateOf({ status: 'draft', publishedAt: at })).toEqual({ status: 'expired', renewalUnderReview: false });
  });

  it('the content of the last published version (its newest credential), not a renewal draft amended after a return', () => {
    const issued = [1, 2];
    expect(publishedVersionOf({ status: 'submitted', publishedAt: at, currentVersion: 3 }, issued)).toBe(2);
    expect(publishedVersionOf({ status: 'draft', publishedAt: at, currentVersion: 3 }, issued)).toBe(2);
    expect(publishedVersionOf({ status: 'published', publishedAt: at, currentVersion: 3 }, issued)).toBe(3);
  });

  it('withdrawn after such a draft: still the last published version; never published, or no credential: nothing', () => {
    expect(publishedVersionOf({ status: 'withdrawn', publishedAt: at, currentVersion: 3 }, [2, 1])).toBe(2);
    expect(publishedVersionOf({ status: 'withdrawn', publishedAt: null, currentVersion: 1 }, [])).toBeNull();
    expect(publishedVersionOf({ status: 'withdrawn', publishedAt: at, currentVersion: 3 }, [])).toBeNull();
  });

  it('the public declaration: public status, published version and content, reason codes only', () => {
    const content = { policy: '公表した方針' } as unknown as Declaration['content'];
    const draft = { policy: '未公表の方針' } as unknown as Declaration['content'];
    const base = { id: 'd', organizationId: 'o', currentVersion: 3, rowVersion: 9, validFrom: at, validUntil: at, submittedAt: at, publishedAt: at, statusNote: 'note', createdAt: at, updatedAt: at, publicUpdatedAt: at, content: draft };
    const withdrawn = publicDeclarationOf({ ...base, status: 'withdrawn', statusReason: '取組内容を具体的に' }, { version: 2, content });
    expect(withdrawn).toMatchObject({ declaration: { status: 'withdrawn', currentVersion: 2, content, statusReason: null }, renewalUnderReview: false });
    const renewal = publicDeclarationOf({ ...base, status: 'submitted', statusReason: null }, { version: 2, content });
    expect(renewal).toMatchObject({ declaration: { status: 'expired', currentVersion: 2, content }, renewalUnderReview: true });
    expect(publicDeclarationOf({ ...base, status: 'suspended', statusReason: 'under-investigation' }, { version: 3, content })?.declaration.statusReason).toBe('under-investigation');
    expect(publicDeclarationOf({ ...base, status: 'draft', publishedAt: null, statusReason: null }, { version: 1, content })).toBeNull();
    expect(publicDeclarationOf({ ...base, status: 'withdrawn', statusReason: null }, null)).toBeNull();
  });

  it('updatedAt: when the public last saw it change, not when a renewal draft was saved', () => {
    const later = '2026-02-01T00:00:00.000Z';
    const base = { id: 'd', organizationId: 'o', currentVersion: 3, rowVersion: 9, validFrom: at, validUntil: at, submittedAt: at, publishedAt: at, statusReason: null, statusNote: null, createdAt: at, updatedAt: at, publicUpdatedAt: at, content: {} as Declaration['content'] };
    const returned = { ...base, status: 'draft' as const };
    expect(publicUpdatedAtOf(returned, { ...returned, currentVersion: 4, updatedAt: later })).toBe(at);
    expect(publicUpdatedAtOf(returned, { ...returned, status: 'submitted', updatedAt: later })).toBe(later);
    expect(publicUpdatedAtOf({ ...base, status: 'expired' }, { ...base, status: 'submitted', updatedAt: later })).toBe(later);
    expect(publicUpdatedAtOf({ ...base, status: 'published' }, { ...base, status: 'published', currentVersion: 4, updatedAt: later })).toBe(later);
    expect(publicDeclarationOf({ ...returned, updatedAt: later }, { version: 2, content: base.content })?.declaration.updatedAt).toBe(at);
  });
});
