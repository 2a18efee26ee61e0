// The Open Badges Achievements the registry's credentials name, as their addresses serve them.
// Each is read out of the very builder the credentials are issued with (never re-stated here), so
// what a verifier dereferences is the object every credential embeds, field for field; the
// stand-in holder, status and record below never leave this file.
import {
  buildAwardCredential, buildDeclarationCredential, type CredentialCommonInput, type UnsignedCredential,
} from '../../domain/credentials/open-badge.js';
import type { AwardCode } from '../../domain/model.js';

export type Achievement = Record<string, unknown>;

const STAND_IN: Omit<CredentialCommonInput, 'baseUrl'> = {
  credentialId: '00000000-0000-4000-8000-000000000000',
  issuer: { id: 'did:example:stand-in', nameJa: '-', nameEn: '-', url: 'https://stand-in.example' },
  organization: { id: 'stand-in', name: '-', kind: 'other', prefectureCode: '13' },
  validFrom: '2025-04-01T00:00:00Z',
  status: { revocation: { listUrl: 'https://stand-in.example/r', index: 0 }, suspension: { listUrl: 'https://stand-in.example/s', index: 0 } },
};

const achievementOf = (credential: UnsignedCredential): Achievement =>
  (credential.credentialSubject as { achievement: Achievement }).achievement;

/** The achievement of every self-declaration credential. */
export function declarationAchievement(baseUrl: string): Achievement {
  return achievementOf(
    buildDeclarationCredential({ ...STAND_IN, baseUrl, declaration: { declarationId: 'stand-in', version: 1, committedOn: '2025-04-01', guidelineAreas: [] } }),
  );
}

/** The achievement of an award of a year and category (and division), named as the credentials name them. */
export function awardAchievement(baseUrl: string, fiscalYear: number, category: AwardCode, division: AwardCode | null): Achievement {
  return achievementOf(
    buildAwardCredential({
      ...STAND_IN,
      baseUrl,
      award: {
        awardId: 'stand-in',
        fiscalYear,
        categoryCode: category.code,
        categoryNameJa: category.nameJa,
        categoryNameEn: category.nameEn,
        // As the credential service passes a division (awardClaims in domain/services/credentials.ts).
        ...(division ? { divisionCode: division.code, division: division.nameJa, divisionEn: division.nameEn } : {}),
      },
    }),
  );
}
