import type { Bilingual } from './mail/letter.js';
import type { DeclarationContent, OrganizationKind } from './model.js';

/** The declaration's fields as the form labels them (also the rows of the version diff). */
export const FIELD_LABELS: Record<keyof DeclarationContent, Bilingual> = {
  signerName: { ja: '宣言者（代表者）の氏名', en: "Signer's (representative's) name" },
  signerTitle: { ja: '宣言者の役職', en: "Signer's title" },
  committedOn: { ja: '宣言日（トップのコミットメントの日）', en: 'Date of the commitment' },
  sharedOn: { ja: '社内で共有した日', en: 'Shared internally on' },
  guidelineAreas: { ja: '遵守するガイドラインの分野', en: 'Guideline areas followed' },
  purposes: { ja: '取組の目的', en: 'Purposes' },
  policy: { ja: '取組方針', en: 'Policy' },
  measures: { ja: '取組内容', en: 'Measures' },
  publicFields: { ja: '公表に同意した項目', en: 'Fields consented for publication' },
};

/**
 * The same fields as a municipality's officer reads them: a municipality is not a company, its
 * top is the 首長 (mayor or governor), and the values are shared within its administration (庁内).
 */
const MUNICIPALITY_FIELD_LABELS: Record<keyof DeclarationContent, Bilingual> = {
  ...FIELD_LABELS,
  signerName: { ja: '宣言者（首長）の氏名', en: "Signer's name (the mayor or governor)" },
  sharedOn: { ja: '庁内で共有した日', en: 'Shared within the administration on' },
};

/** The field labels for an organization of `kind`. */
export const fieldLabelsFor = (kind: OrganizationKind) => (kind === 'municipality' ? MUNICIPALITY_FIELD_LABELS : FIELD_LABELS);
