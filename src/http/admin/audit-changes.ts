// The one line the audit log shows above an entry's before/after values: which fields changed, in
// the page's words. The stored keys (status, validUntil, publicUpdatedAt) are the records' own
// names, English code on a Japanese page; the JSON below the line keeps them for whoever needs it.
import type { OrganizationKind } from '../../domain/model.js';
import type { Bilingual, Lang } from '../pages/i18n.js';
import { fieldLabelsFor } from '../web/my/labels.js';
import { LABELS } from './organizations-form.js';

/** Bookkeeping every write changes: named only when nothing else changed (then it is the whole story). */
const BOOKKEEPING: Record<string, Bilingual> = {
  rowVersion: { ja: '更新番号', en: 'Row version' },
  updatedAt: { ja: '更新日時', en: 'Updated at' },
  publicUpdatedAt: { ja: '公開情報の更新日時', en: 'Public data updated at' },
  createdAt: { ja: '作成日時', en: 'Created at' },
};

/**
 * The records' fields that the back office changes (declarations, organizations, awards, staff,
 * tokens). A declaration's content fields are named by fieldLabelsFor (a municipality's 首長, 庁内).
 */
const FIELDS: Record<string, Bilingual> = {
  ...LABELS,
  status: { ja: '状態', en: 'Status' },
  statusReason: { ja: '理由', en: 'Reason' },
  statusNote: { ja: '補足', en: 'Note' },
  validFrom: { ja: '有効期間の開始日', en: 'Valid from' },
  validUntil: { ja: '有効期限', en: 'Valid until' },
  submittedAt: { ja: '提出日時', en: 'Submitted at' },
  publishedAt: { ja: '公表日時', en: 'Published at' },
  currentVersion: { ja: '版', en: 'Version' },
  content: { ja: '宣言の内容', en: 'Declaration content' },
  contact: { ja: '連絡先', en: 'Contact' },
  listed: { ja: '公開一覧への掲載', en: 'Listed publicly' },
  role: { ja: '役割', en: 'Role' },
  label: { ja: '名前', en: 'Label' },
  ...BOOKKEEPING,
};

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields shown by name before "and n more". */
const SHOWN = 6;

const differing = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));

/**
 * A declaration's `content` as the fields in it that changed (宣言者（首長）の氏名, not 宣言の内容):
 * an amendment is the whole story of its entry, and the officer names the fields, not the record.
 */
function withContentFields(changed: string[], before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const [was, now] = [before.content, after.content];
  if (!changed.includes('content') || !isObject(was) || !isObject(now)) return changed;
  const inside = differing(was, now);
  return inside.length === 0 ? changed : changed.flatMap((key) => (key === 'content' ? inside : [key]));
}

/**
 * One line on what changed: the fields whose values differ, or that something was created or removed.
 * `kind` is the organization's whose declaration the entry is about: its fields are named in its words.
 */
export function changeSummary(before: unknown, after: unknown, lang: Lang, kind: OrganizationKind = 'company'): string {
  const ja = lang === 'ja';
  if (before == null && after == null) return ja ? '記録された内容はありません' : 'No details recorded';
  if (before == null) return ja ? '記録された内容' : 'Recorded values';
  if (after == null) return ja ? '変更前の内容（削除・取消）' : 'Values before (removed)';
  if (isObject(before) && isObject(after)) {
    const changed = withContentFields(differing(before, after), before, after);
    if (changed.length === 0) return ja ? '値の変更なし' : 'No value changed';
    const meaningful = changed.filter((key) => !(key in BOOKKEEPING));
    const contentLabels: Record<string, Bilingual> = fieldLabelsFor(kind);
    const named = (meaningful.length > 0 ? meaningful : changed).map((key) => (contentLabels[key] ?? FIELDS[key])?.[lang] ?? key);
    const shown = named.slice(0, SHOWN).join(ja ? '、' : ', ');
    const more = named.length > SHOWN ? (ja ? ` ほか${named.length - SHOWN}項目` : ` and ${named.length - SHOWN} more`) : '';
    return ja ? `変更された項目: ${shown}${more}` : `Changed: ${shown}${more}`;
  }
  return ja ? '変更前と変更後' : 'Before and after';
}
