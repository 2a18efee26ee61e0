import { GUIDELINE_AREAS, PURPOSES } from './codes.js';
import { invalid, type FieldProblem } from './errors.js';
import { japanMidnight } from './japan-calendar.js';
import { formatDate } from './mail/dates.js';
import { DEFAULT_PUBLIC_FIELDS, type DeclarationContent, type PublishableField } from './model.js';

/** What an organization sends to create or amend a declaration (shape-checked by JSON Schema). */
export interface DeclarationInput {
  signerName: string;
  signerTitle: string;
  committedOn: string;
  sharedOn?: string | null;
  guidelineAreas: string[];
  purposes?: string[];
  policy?: string | null;
  measures?: string | null;
  publicFields?: PublishableField[];
}

/** A YYYY-MM-DD string that names a day on the calendar (not 2025-02-30). */
export const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const DATE_LABELS = { committedOn: '宣言日', sharedOn: '社内で共有した日' } as const;
/** The same in English, as the form names them (a message is read beside its field). */
const DATE_LABELS_EN = { committedOn: 'The date of the commitment', sharedOn: 'The date shared internally' } as const;

/**
 * The earliest 宣言日 (top-management commitment) the registry accepts. domain.md names no start
 * date for the self-declaration scheme; the earliest date the seed document supports is that of
 * the paper proposing to create it (内閣官房まち・ひと・しごと創生本部事務局「地方創生テレワーク推進に
 * 向けた検討会議（第５回）」資料, 令和３年３月29日): no declaration under the scheme can predate it.
 * Only the commitment is bound: values may have been shared inside the company (sharedOn) earlier.
 */
export const FIRST_DECLARATION_DATE = '2021-03-29';

/**
 * Checks what JSON Schema cannot (real calendar dates not after `today`, Japan's YYYY-MM-DD:
 * a commitment is made before it is declared; code tables) and fills defaults.
 */
export function normalizeDeclaration(input: DeclarationInput, today: string): DeclarationContent {
  const problems: FieldProblem[] = [...signerNameProblems(input), ...declarationDateProblems(input, today)];
  input.guidelineAreas.forEach((area, i) => {
    if (!GUIDELINE_AREAS[area]) {
      problems.push({ field: `/guidelineAreas/${i}`, ja: `ガイドライン項目は ${Object.keys(GUIDELINE_AREAS).join(', ')} のいずれかです。`, en: `guideline areas are ${Object.keys(GUIDELINE_AREAS).join(', ')}.` });
    }
  });
  (input.purposes ?? []).forEach((purpose, i) => {
    if (!PURPOSES[purpose]) {
      problems.push({ field: `/purposes/${i}`, ja: `目的は ${Object.keys(PURPOSES).join(', ')} のいずれかです。`, en: `purposes are ${Object.keys(PURPOSES).join(', ')}.` });
    }
  });
  if (problems.length > 0) throw invalid(problems);
  return {
    signerName: input.signerName.trim(),
    signerTitle: input.signerTitle.trim(),
    committedOn: input.committedOn,
    sharedOn: input.sharedOn ?? null,
    guidelineAreas: [...new Set(input.guidelineAreas)],
    purposes: [...new Set(input.purposes ?? [])],
    policy: input.policy?.trim() || null,
    measures: input.measures?.trim() || null,
    publicFields: input.publicFields ? [...new Set(input.publicFields)] : [...DEFAULT_PUBLIC_FIELDS],
  };
}

/**
 * A signer's name of digits only (half- or full-width, spaces aside) is no name: most likely the
 * 法人番号 pasted into the wrong field, which would be published as the representative's name.
 * A name with a digit in it (山田 太郎2世) stays a name.
 */
export function signerNameProblems(input: { signerName?: unknown }): FieldProblem[] {
  const name = typeof input.signerName === 'string' ? input.signerName.normalize('NFKC').replace(/\s/g, '') : '';
  if (!/^[0-9]+$/.test(name)) return [];
  return [
    {
      field: '/signerName',
      ja: '/signerName: 数字だけの氏名は入力できません。宣言者（代表者）の氏名を入力してください（法人番号などの番号は、この欄には入りません）。',
      en: "/signerName: a name cannot be digits only; enter the signer's (representative's) name (a number such as the corporate number does not go here).",
    },
  ];
}

/** A day as the Japanese message writes it, as the page beside it does: "2021-03-29" → 「2021年3月29日」. */
const dayJa = (date: string) => formatDate(japanMidnight(date)).ja;

/**
 * The calendar's rules for a declaration's dates (YYYY-MM-DD strings; others are the schema's):
 * a real day, not after `today`, and a 宣言日 not before the scheme (FIRST_DECLARATION_DATE).
 */
export function declarationDateProblems(input: { committedOn?: unknown; sharedOn?: unknown }, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['committedOn', 'sharedOn'] as const) {
    const value = input[field];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    if (!isRealDate(value)) {
      problems.push({ field: `/${field}`, ja: `${DATE_LABELS[field]}は実在する日付（YYYY-MM-DD）で指定してください。`, en: `${DATE_LABELS_EN[field]} must be a real calendar date (YYYY-MM-DD).` });
    } else if (value > today) {
      problems.push({ field: `/${field}`, ja: `${DATE_LABELS[field]}は今日（${dayJa(today)}）以前の日付で指定してください。`, en: `${DATE_LABELS_EN[field]} must not be later than today (${today}, Japan).` });
    } else if (field === 'committedOn' && value < FIRST_DECLARATION_DATE) {
      problems.push({
        field: `/${field}`,
        ja: `${DATE_LABELS[field]}は自己宣言制度の創設が提案された${dayJa(FIRST_DECLARATION_DATE)}以降の日付で指定してください。`,
        en: `${DATE_LABELS_EN[field]} must not be earlier than ${FIRST_DECLARATION_DATE}, when the self-declaration scheme was proposed.`,
      });
    }
  }
  return problems;
}

/** Only the fields the organization consented to publish. */
export function publicContent(content: DeclarationContent): Partial<DeclarationContent> {
  const visible: Partial<Record<PublishableField, unknown>> = {};
  for (const field of content.publicFields) visible[field] = content[field];
  return visible as Partial<DeclarationContent>;
}
