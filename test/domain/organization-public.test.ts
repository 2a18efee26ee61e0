import { describe, expect, it } from 'vitest';
import type { Organization } from '../../src/domain/model.js';
import { organizationPublicUpdatedAtOf } from '../../src/domain/organization-public.js';

const at = '2026-01-01T00:00:00.000Z';
const later = '2026-02-01T00:00:00.000Z';
const base: Organization = {
  id: 'o', kind: 'company', corporateNumber: '7123456789012', localGovernmentCode: null, name: '株式会社みらいワーク', nameKana: null, nameEn: null,
  prefectureCode: '13', city: null, industryCode: null, sizeBand: null, website: null, contact: { name: '連絡 太郎', email: 'a@example.jp' },
  listed: true, rowVersion: 1, createdAt: at, updatedAt: at, publicUpdatedAt: at,
};

describe('organizationPublicUpdatedAtOf', () => {
  it('keeps the public time when only the contact changed, and takes the edit time when a public field did', () => {
    expect(organizationPublicUpdatedAtOf(base, { ...base, contact: { name: '連絡 次郎', email: 'b@example.jp' }, updatedAt: later })).toBe(at);
    expect(organizationPublicUpdatedAtOf(base, { ...base, updatedAt: later })).toBe(at);
    expect(organizationPublicUpdatedAtOf(base, { ...base, city: '千代田区', updatedAt: later })).toBe(later);
    expect(organizationPublicUpdatedAtOf(base, { ...base, sizeBand: '1-9', updatedAt: later })).toBe(later);
  });
});
