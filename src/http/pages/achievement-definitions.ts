// The Open Badges Achievements the registry's credentials name, as their addresses serve them:
// the very objects the credential builders embed (domain/credentials/open-badge.ts), so what a
// verifier dereferences is what every credential says, field for field.
import { awardAchievement as awardAchievementOf } from '../../domain/credentials/open-badge.js';
import type { AwardCode } from '../../domain/model.js';

export type Achievement = Record<string, unknown>;

/** The achievement of an award of a year and category (and division), named as the credentials name them. */
export function awardAchievement(baseUrl: string, fiscalYear: number, category: AwardCode, division: AwardCode | null): Achievement {
  return awardAchievementOf(baseUrl, {
    fiscalYear,
    categoryCode: category.code,
    categoryNameJa: category.nameJa,
    categoryNameEn: category.nameEn,
    // As the credential service passes a division (awardClaims in domain/services/credentials.ts).
    ...(division ? { divisionCode: division.code, division: division.nameJa, divisionEn: division.nameEn } : {}),
  });
}
