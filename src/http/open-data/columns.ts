import { japanDate } from '../../domain/japan-calendar.js';
import { RENEWAL_UNDER_REVIEW } from '../../domain/declaration-lifecycle.js';
import type { OpenAward, OpenDeclaration } from '../../domain/open-data.js';
import type { CsvColumn } from './csv.js';

/** Several values in one cell, joined the way Japanese lists are written. */
const list = (values: readonly string[]) => values.join('、');

/** Columns of declarations.csv. Content columns are empty where the organization did not consent to publish. */
export const DECLARATION_COLUMNS: CsvColumn<OpenDeclaration>[] = [
  { header: '宣言ID', value: (d) => d.id },
  { header: '法人番号', value: (d) => d.organization.corporateNumber },
  { header: '地方公共団体コード', value: (d) => d.organization.localGovernmentCode },
  { header: '名称', value: (d) => d.organization.name },
  { header: '名称（フリガナ）', value: (d) => d.organization.nameKana },
  { header: '名称（英語）', value: (d) => d.organization.nameEn },
  { header: '都道府県コード', value: (d) => d.organization.prefectureCode },
  { header: '都道府県', value: (d) => d.organization.prefecture },
  { header: '市区町村', value: (d) => d.organization.city },
  { header: '業種コード', value: (d) => d.organization.industryCode },
  { header: '業種', value: (d) => d.organization.industry },
  { header: 'ウェブサイト', value: (d) => d.organization.website },
  { header: '状態', value: (d) => d.statusLabel.ja },
  { header: '宣言日', value: (d) => d.content.committedOn },
  { header: '公表日', value: (d) => d.publishedOn },
  { header: '有効期限', value: (d) => japanDate(d.validUntil) },
  { header: '宣言者氏名', value: (d) => d.content.signerName },
  { header: '宣言者役職', value: (d) => d.content.signerTitle },
  { header: '社内共有日', value: (d) => d.content.sharedOn },
  { header: 'ガイドライン項目', value: (d) => list(d.guidelineAreaLabels) },
  { header: '取組の目的', value: (d) => list(d.purposeLabels) },
  { header: '取組方針', value: (d) => d.content.policy },
  { header: '取組内容', value: (d) => d.content.measures },
  { header: '検証URL', value: (d) => d.verificationUrl },
  { header: '更新日時', value: (d) => d.updatedAt },
  // Last, so that readers of the earlier columns by position are unaffected.
  { header: '更新の審査', value: (d) => (d.renewalUnderReview ? RENEWAL_UNDER_REVIEW.ja : null) },
];

/** Columns of awards.csv. */
export const AWARD_COLUMNS: CsvColumn<OpenAward>[] = [
  { header: '表彰ID', value: (a) => a.id },
  { header: '年度', value: (a) => a.fiscalYearLabel.ja },
  { header: '年度（西暦）', value: (a) => a.fiscalYear },
  { header: '賞', value: (a) => a.categoryName?.ja ?? a.category },
  { header: '賞コード', value: (a) => a.category },
  { header: '部門', value: (a) => a.divisionName?.ja ?? a.division },
  { header: '法人番号', value: (a) => a.organization.corporateNumber },
  { header: '地方公共団体コード', value: (a) => a.organization.localGovernmentCode },
  { header: '名称', value: (a) => a.organization.name },
  { header: '都道府県', value: (a) => a.organization.prefecture },
  { header: '連携自治体', value: (a) => a.partnerMunicipalityName },
  { header: '概要', value: (a) => a.overview },
  { header: 'メッセージ', value: (a) => a.message },
  { header: '表彰日', value: (a) => a.awardedOn },
  { header: '状態', value: (a) => a.statusLabel.ja },
  { header: '検証URL', value: (a) => a.verificationUrl },
  { header: '更新日時', value: (a) => a.updatedAt },
];
