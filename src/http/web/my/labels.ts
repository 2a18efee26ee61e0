// Words the organization's pages show for codes: declaration fields, reasons, audit actions.
import { secretariatRoleOf } from '../../../domain/accounts/staff.js';
import { GUIDELINE_AREAS, purposeLabel, REVOCATION_REASONS, SUSPENSION_REASON_LABELS } from '../../../domain/codes.js';
import type { DeclarationContent, OrganizationKind, PublishableField } from '../../../domain/model.js';
import { formatDate } from '../../pages/format.js';
import type { Bilingual, Lang } from '../../pages/i18n.js';
// The declaration's field labels live in the domain: the e-mail receipt names the fields too.
import { fieldLabelsFor } from '../../../domain/declaration-field-labels.js';
export { FIELD_LABELS, fieldLabelsFor } from '../../../domain/declaration-field-labels.js';

export const reasonLabel = (status: string, reason: string | null, lang: Lang): string | null => {
  if (!reason) return null;
  const table: Record<string, Bilingual> | null = status === 'suspended' ? SUSPENSION_REASON_LABELS : status === 'revoked' ? REVOCATION_REASONS : null;
  return table?.[reason]?.[lang] ?? reason;
};

/**
 * A field's value as a person reads it (codes by their names, dates as dates, empty as a dash).
 * `kind`: whose declaration, for the names of the fields consented for publication (首長 for a municipality).
 */
export function fieldText(field: keyof DeclarationContent, content: DeclarationContent, lang: Lang, kind: OrganizationKind = 'company'): string {
  const none = lang === 'ja' ? '（なし）' : '(none)';
  switch (field) {
    case 'committedOn':
    case 'sharedOn':
      return content[field] ? formatDate(content[field], lang) : none;
    case 'guidelineAreas':
      return listText(content.guidelineAreas.map((a) => GUIDELINE_AREAS[a]?.[lang] ?? a), lang) || none;
    case 'purposes':
      return listText(content.purposes.map((p) => purposeLabel(p, lang)), lang) || none;
    case 'publicFields':
      return listText(content.publicFields.map((f: PublishableField) => fieldLabelsFor(kind)[f]?.[lang] ?? f), lang) || none;
    default:
      return content[field] || none;
  }
}

const listText = (items: string[], lang: Lang) => items.join(lang === 'ja' ? '、' : ', ');

/** Audit actions in words; an action not named here is shown by its code. */
export const AUDIT_ACTION_LABELS: Record<string, Bilingual> = {
  'organization.create': { ja: '団体を登録', en: 'Organization registered' },
  'organization.update': { ja: '団体情報を更新', en: 'Organization updated' },
  'declaration.create': { ja: '宣言を作成', en: 'Declaration created' },
  'declaration.amend': { ja: '宣言を修正（新しい版）', en: 'Declaration amended (new version)' },
  'declaration.submit': { ja: '宣言を提出', en: 'Declaration submitted' },
  'declaration.publish': { ja: '宣言を公表', en: 'Declaration published' },
  'declaration.return': { ja: '宣言を差戻し', en: 'Declaration returned' },
  'declaration.suspend': { ja: '宣言を一時停止', en: 'Declaration suspended' },
  'declaration.reinstate': { ja: '宣言の一時停止を解除', en: 'Declaration reinstated' },
  'declaration.withdraw': { ja: '宣言を取下げ', en: 'Declaration withdrawn' },
  'declaration.revoke': { ja: '宣言を取消', en: 'Declaration revoked' },
  'declaration.renew': { ja: '宣言の更新を申請', en: 'Renewal requested' },
  'declaration.expire': { ja: '宣言の有効期限が終了', en: 'Declaration expired' },
  'award.create': { ja: '表彰を記録', en: 'Award recorded' },
  'award.suspend': { ja: '表彰を一時停止', en: 'Award suspended' },
  'award.reinstate': { ja: '表彰の一時停止を解除', en: 'Award reinstated' },
  'award.revoke': { ja: '表彰を取消', en: 'Award revoked' },
  'award.correct': { ja: '表彰の記載を訂正（概要・メッセージ・表彰日）', en: 'Award corrected (overview, message or date)' },
  'member.join': { ja: 'メンバーが参加', en: 'Member joined' },
  'member.remove': { ja: 'メンバーを削除', en: 'Member removed' },
  'invitation.create': { ja: '招待リンクを作成', en: 'Invitation created' },
  'passkey.add': { ja: 'パスキーを登録', en: 'Passkey added' },
  'passkey.remove': { ja: 'パスキーを削除', en: 'Passkey removed' },
  'account.sign-in': { ja: 'ログイン', en: 'Signed in' },
  'account.sign-out': { ja: 'ログアウト', en: 'Signed out' },
  'token.create': { ja: 'APIトークンを発行', en: 'API token created' },
  'token.revoke': { ja: 'APIトークンを取消', en: 'API token revoked' },
};

/**
 * Who did something, from the audit log's or a version's actor reference: a member by name, the
 * secretariat, the system or an API token; never another organization's identifiers.
 */
export function actorText(ref: { role: string; tokenId: string | null }, memberNames: Map<string, string>, lang: Lang): string {
  const ja = lang === 'ja';
  if (secretariatRoleOf(ref.role)) return ja ? '事務局' : 'Secretariat';
  if (ref.role.startsWith('system')) return ja ? 'システム（自動処理）' : 'System (automatic)';
  if (ref.role === 'organization') {
    const accountId = ref.tokenId?.startsWith('account:') ? ref.tokenId.slice('account:'.length) : null;
    if (!accountId) return ja ? 'APIトークン' : 'API token';
    return memberNames.get(accountId) ?? (ja ? '（退会したメンバー）' : '(former member)');
  }
  return ja ? '（ログイン前）' : '(not signed in)';
}

/** A version's createdBy ("organization:account:…", "admin:…", "system:expiry") as actorText reads it. */
export const versionActor = (createdBy: string) => {
  const [role = '', ...rest] = createdBy.split(':');
  return { role: role === 'system' ? createdBy : role, tokenId: rest.join(':') || null };
};
