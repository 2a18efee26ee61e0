import { MEMBER_ROLE_LABELS, type MemberRole } from '../accounts/model.js';
import type { Organization } from '../model.js';
import { formatDateTime } from './dates.js';
import type { Letter } from './letter.js';

/** The invitation to join an organization on the registry: the one-time link and when it stops working. */
export function invitationLetter({ organization, url, expiresAt, role }: { organization: Pick<Organization, 'name' | 'nameEn'>; url: string; expiresAt: string; role?: MemberRole | undefined }): Letter {
  const until = formatDateTime(expiresAt);
  const nameJa = organization.name;
  const nameEn = organization.nameEn ?? organization.name;
  const roleLabel = role ? MEMBER_ROLE_LABELS[role] : null;
  return {
    subject: { ja: `${nameJa}のメンバーに招待されました`, en: `You are invited to join ${nameEn}` },
    greeting: { ja: `${nameJa}のメンバーとして、地方創生テレワーク宣言・表彰レジストリに招待されました。`, en: `You have been invited to join ${nameEn} on the telework declaration registry.` },
    paragraphs: [
      { ja: '下記のリンクを開き、パスキー（この端末の指紋・顔認証・PINなど）を登録すると、団体の自己宣言を作成・管理できるようになります。リンクは一度だけ使え、期限を過ぎると無効になります。', en: 'Open the link below and register a passkey (your device’s fingerprint, face or PIN) to write and manage your organization’s declaration. The link works once and stops working after it expires.' },
      { ja: '心当たりのない場合は、このメールを破棄してください。', en: 'If you were not expecting this invitation, you can ignore this message.' },
    ],
    facts: [
      ...(roleLabel ? [{ label: { ja: '役割', en: 'Role' }, value: roleLabel }] : []),
      { label: { ja: '招待の有効期限', en: 'The link works until' }, value: until },
    ],
    action: { label: { ja: '招待を受ける', en: 'Accept the invitation' }, url },
  };
}
