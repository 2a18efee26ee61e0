// How a badge image is described in the page's language: the organization page's gallery and
// badge kit, and the member area's badge kit, say the same (the badge itself is written in Japanese).
import type { Award, AwardCode, Organization } from '../../domain/model.js';
import { formatFiscalYear } from './format.js';
import { inParentheses, type Lang } from './i18n.js';
import { organizationNameIn } from './organization-name.js';

/** An award category's name in the page's language; an unknown code is shown as it is. */
export const categoryName = (categories: AwardCode[], code: string, lang: Lang) => {
  const category = categories.find((c) => c.code === code);
  return category ? (lang === 'ja' ? category.nameJa : category.nameEn) : code;
};

/**
 * An award's division after its category, as the verification page writes it: 「（大企業部門）」 /
 * " (Large companies)"; empty without a division. An unknown code is shown as it is.
 */
export const divisionSuffix = (divisions: AwardCode[], code: string | null, lang: Lang) => {
  if (code === null) return '';
  return inParentheses(lang, categoryName(divisions, code, lang));
};

/**
 * What a badge is for, in the page's language: 「地方創生テレワーク 自己宣言」 or
 * 「令和7年度（2025年度） 大臣賞（大企業部門）」: an award's division named as its badge image names it.
 */
export const badgeSubject = (lang: Lang, categories: AwardCode[], divisions: AwardCode[], award?: Pick<Award, 'fiscalYear' | 'categoryCode' | 'divisionCode'> | null) =>
  award
    ? `${formatFiscalYear(award.fiscalYear, lang)} ${categoryName(categories, award.categoryCode, lang)}${divisionSuffix(divisions, award.divisionCode, lang)}`
    : lang === 'ja'
      ? '地方創生テレワーク 自己宣言'
      : 'Telework self-declaration';

/** A badge image's text alternative in the page's language (the badge itself is written in Japanese). */
export const badgeAlt = (lang: Lang, organization: Pick<Organization, 'name' | 'nameEn'>, what: string) =>
  lang === 'ja' ? `${organization.name} ${what}のバッジ` : `${organizationNameIn(organization, lang)}: ${what} badge`;
