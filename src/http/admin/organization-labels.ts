// An organization's industry and number of employees as people read them, in either language: the
// stored codes ("G", "1000+") are data, not words for a page.
import { INDUSTRIES, INDUSTRIES_EN } from '../../domain/codes.js';
import type { Bilingual, Lang } from '../pages/i18n.js';

/** JSIC major group with its name: 「G 情報通信業」 / "G Information and communications". */
export const industryLabel = (code: string, lang: Lang): string => {
  const name = (lang === 'ja' ? INDUSTRIES : INDUSTRIES_EN)[code];
  return name ? `${code} ${name}` : code;
};

const SIZE_BAND_LABELS: Record<string, Bilingual> = {
  '1-9': { ja: '1〜9人', en: '1–9' },
  '10-49': { ja: '10〜49人', en: '10–49' },
  '50-299': { ja: '50〜299人', en: '50–299' },
  '300-999': { ja: '300〜999人', en: '300–999' },
  '1000+': { ja: '1,000人以上', en: '1,000 or more' },
};

/** 「1,000人以上」 / "1,000 or more" (the field is labelled 従業員規模 / Employees); an unknown band as stored. */
export const sizeBandLabel = (band: string, lang: Lang): string => SIZE_BAND_LABELS[band]?.[lang] ?? band;
