import { describe, expect, it } from 'vitest';
import { publicStateOf, publishedVersionOf } from '../../src/domain/declaration-lifecycle.js';

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
    const credentials = [{ subjectVersion: 1, issuedAt: '2025-01-01T00:00:00.000Z' }, { subjectVersion: 2, issuedAt: '2025-06-01T00:00:00.000Z' }];
    expect(publishedVersionOf({ status: 'submitted', publishedAt: at, currentVersion: 3 }, credentials)).toBe(2);
    expect(publishedVersionOf({ status: 'draft', publishedAt: at, currentVersion: 3 }, credentials)).toBe(2);
    expect(publishedVersionOf({ status: 'published', publishedAt: at, currentVersion: 3 }, credentials)).toBe(3);
  });
});
