import { STAFF_ROLE_LABELS, type StaffRole } from '../accounts/staff.js';
import { formatDateTime } from './dates.js';
import type { Letter } from './letter.js';

/** The invitation to join the secretariat's back office: the one-time link, the role and when the link stops working. */
export function staffInvitationLetter({ name, url, expiresAt, role }: { name: string; url: string; expiresAt: string; role: StaffRole }): Letter {
  return {
    subject: { ja: '事務局の管理画面に招待されました', en: 'You are invited to the secretariat’s back office' },
    greeting: { ja: `${name} 様、地方創生テレワーク宣言・表彰レジストリの事務局の管理画面に招待されました。`, en: `${name}, you have been invited to the back office of the telework declaration registry’s secretariat.` },
    paragraphs: [
      { ja: '下記のリンクを開き、パスキー（この端末の指紋・顔認証・PINなど）を登録すると、管理画面にログインできるようになります。リンクは一度だけ使え、期限を過ぎると無効になります。', en: 'Open the link below and register a passkey (your device’s fingerprint, face or PIN) to sign in to the back office. The link works once and stops working after it expires.' },
      { ja: '心当たりのない場合は、このメールを破棄してください。', en: 'If you were not expecting this invitation, you can ignore this message.' },
    ],
    facts: [
      { label: { ja: '役割', en: 'Role' }, value: STAFF_ROLE_LABELS[role] },
      { label: { ja: '招待の有効期限', en: 'The link works until' }, value: formatDateTime(expiresAt) },
    ],
    action: { label: { ja: '招待を受ける', en: 'Accept the invitation' }, url },
  };
}
