import type { Declaration, Organization } from '../model.js';
import type { MailKind } from '../../ports/mail.js';
import { formatDate } from './dates.js';
import type { Bilingual, Letter } from './letter.js';
import { reasonLabel } from './reasons.js';

/** A committed declaration change, as the declaration service sees it. */
export interface DeclarationChange {
  action: string;
  before: Declaration | null;
  after: Declaration;
  organization: Organization;
}

/** Links in messages; the pages live under the public base URL. */
export const myPageUrl = (baseUrl: string) => `${baseUrl}/my`;
export const badgeKitUrl = (baseUrl: string) => `${baseUrl}/my/badges`;

export const greetingFor = (organization: Organization): Bilingual => ({
  ja: `${organization.name} ご担当者様`,
  en: `Dear ${organization.nameEn ?? organization.name},`,
});

/**
 * A subject that names the organization it is about: one address may hear about several (the
 * contact of a group's companies, a consultant), and the subject is all a mailbox list shows.
 */
export const aboutOrganization = (subject: Bilingual, organization: Organization): Bilingual => ({
  ja: `${subject.ja}（${organization.name}）`,
  en: `${subject.en} (${organization.nameEn ?? organization.name})`,
});

export const MY_PAGE: Bilingual = { ja: 'マイページ', en: 'Your organization’s page' };

/** In letters about what the organization did itself (one member's act, told to every recipient). */
export const NOT_EXPECTED: Bilingual = {
  ja: 'この操作にお心当たりがない場合は、事務局にお問い合わせください。',
  en: 'If you did not expect this change, please contact the secretariat.',
};

/** The secretariat's free-text note, when it wrote one. */
const noteFact = (record: { statusNote: string | null }) =>
  record.statusNote ? [{ label: { ja: '事務局からのメモ', en: 'Note from the secretariat' }, value: { ja: record.statusNote, en: record.statusNote } }] : [];

/** Why a declaration or an award was suspended or revoked (its reason code's label), and the secretariat's note. */
export function reasonFacts(action: 'suspend' | 'revoke', record: { statusReason: string | null; statusNote: string | null }) {
  const label = reasonLabel(action, record.statusReason);
  const title = action === 'suspend' ? { ja: '停止の理由', en: 'Reason' } : { ja: '取消の理由', en: 'Reason' };
  return [...(label ? [{ label: title, value: label }] : []), ...noteFact(record)];
}

/**
 * What the secretariat's acts on a declaration tell the organization, or null for changes it made
 * itself (create, amend, submit, renew, withdraw: receipt-mail.ts, reissue-mail.ts and
 * withdrawal-mail.ts tell those). Expiry is the system's: it is told.
 */
export function declarationLetter({ action, before, after, organization }: DeclarationChange, { baseUrl }: { baseUrl: string }): { kind: MailKind; letter: Letter } | null {
  const greeting = greetingFor(organization);
  switch (action) {
    case 'return': {
      // The reason of a return is free text written by the secretariat, shown as written in both parts.
      const reason = after.statusReason ?? '';
      return {
        kind: 'declaration.returned',
        letter: {
          subject: aboutOrganization({ ja: '自己宣言が差し戻されました', en: 'Your declaration has been returned' }, organization),
          greeting,
          paragraphs: [
            { ja: '提出いただいた地方創生テレワークの自己宣言は、事務局の審査で差し戻されました。下記の理由をご確認のうえ、マイページで内容を修正して再提出してください。', en: 'The secretariat has returned the telework declaration you submitted. Please read the reason below, edit the declaration on your organization’s page and submit it again.' },
          ],
          facts: [{ label: { ja: '差戻しの理由', en: 'Reason' }, value: { ja: reason, en: reason } }, ...noteFact(after)],
          action: { label: { ja: '宣言を修正して再提出する（マイページ）', en: 'Edit and resubmit the declaration' }, url: myPageUrl(baseUrl) },
        },
      };
    }
    case 'publish': {
      const until = after.validUntil ? formatDate(after.validUntil) : null;
      // Published before: a renewal after expiry, whose receipt said 「更新」 and whose earlier badge shows 期限切れ.
      const renewal = before !== null && before.publishedAt !== null;
      return {
        kind: 'declaration.published',
        letter: {
          subject: aboutOrganization(renewal ? { ja: '自己宣言の更新が公表されました', en: 'Your declaration renewal has been published' } : { ja: '自己宣言が公表されました', en: 'Your declaration has been published' }, organization),
          greeting,
          paragraphs: renewal
            ? [
              { ja: '地方創生テレワークの自己宣言の更新が審査を経て公表されました。ご協力ありがとうございます。', en: 'The renewal of your telework declaration has been reviewed and published. Thank you for taking part.' },
              { ja: '新しい有効期間のバッジを発行しました。「期限切れ」と表示されているこれまでのバッジとQRコードは、バッジキットからダウンロードした新しいバッジに差し替えてください。', en: 'A badge for the new period has been issued. Replace the earlier badge and QR code, which show as expired, with the new one from the badge kit.' },
            ]
            : [
              { ja: '地方創生テレワークの自己宣言が審査を経て公表されました。ご協力ありがとうございます。', en: 'Your telework declaration has been reviewed and published. Thank you for taking part.' },
              { ja: 'バッジ（画像・QRコード・埋め込み用コード）はバッジキットからダウンロードできます。ウェブサイトや名刺、採用情報でご活用ください。', en: 'Download the badge (images, QR code and the snippet to embed it) from the badge kit, and use it on your website, business cards and job offers.' },
            ],
          facts: until ? [{ label: { ja: '有効期限', en: 'Valid until' }, value: until }] : [],
          action: { label: { ja: 'バッジキットを開く', en: 'Open the badge kit' }, url: badgeKitUrl(baseUrl) },
        },
      };
    }
    case 'suspend':
      return {
        kind: 'declaration.suspended',
        letter: {
          subject: aboutOrganization({ ja: '自己宣言の公表が一時停止されました', en: 'Your declaration has been suspended' }, organization),
          greeting,
          paragraphs: [
            { ja: '事務局は、貴団体の自己宣言の公表を一時停止しました。停止中は公表ページとバッジ（クレデンシャル）が「一時停止中」と表示されます。下記の理由をご確認ください。', en: 'The secretariat has suspended your telework declaration. While it is suspended, the public page and the badge (credential) show it as suspended. Please read the reason below.' },
          ],
          facts: reasonFacts('suspend', after),
          action: { label: MY_PAGE, url: myPageUrl(baseUrl) },
        },
      };
    case 'reinstate':
      return {
        kind: 'declaration.reinstated',
        letter: {
          subject: aboutOrganization({ ja: '自己宣言の公表が再開されました', en: 'Your declaration has been reinstated' }, organization),
          greeting,
          paragraphs: [
            { ja: '一時停止していた貴団体の自己宣言の公表を再開しました。公表ページとバッジは再び有効です。', en: 'Your telework declaration is published again: its public page and badge are valid once more.' },
          ],
          action: { label: { ja: 'バッジキットを開く', en: 'Open the badge kit' }, url: badgeKitUrl(baseUrl) },
        },
      };
    case 'revoke':
      return {
        kind: 'declaration.revoked',
        letter: {
          subject: aboutOrganization({ ja: '自己宣言が取り消されました', en: 'Your declaration has been revoked' }, organization),
          greeting,
          paragraphs: [
            { ja: '事務局は、貴団体の自己宣言を取り消しました。バッジ（クレデンシャル）は無効となりましたので、ウェブサイト等での掲示をおやめください。', en: 'The secretariat has revoked your telework declaration. Its badge (credential) is no longer valid: please remove it from your website and other material.' },
          ],
          facts: reasonFacts('revoke', after),
          action: { label: MY_PAGE, url: myPageUrl(baseUrl) },
        },
      };
    case 'expire': {
      // Sent by the expiry sweep; the renewal reminders (renewal-mail.ts) came before it.
      const ended = after.validUntil;
      return {
        kind: 'declaration.expired',
        letter: {
          subject: aboutOrganization({ ja: '自己宣言の有効期限が切れました', en: 'Your declaration has expired' }, organization),
          greeting,
          paragraphs: [
            { ja: '貴団体の地方創生テレワークの自己宣言は有効期限を迎えました。公表ページとバッジ（クレデンシャル）は「期限切れ」と表示され、QRコードから確認した方にも有効ではないと示されます。', en: 'Your telework declaration has reached the end of its validity. Its public page and badge (credential) now show it as expired, and whoever checks the QR code is told it is no longer valid.' },
            { ja: '引き続き宣言を公表しバッジをお使いいただくには、マイページから更新を申請してください。事務局の審査を経て公表されると、新しいバッジをバッジキットからダウンロードできます。', en: 'To publish the declaration again and use a valid badge, request its renewal on your organization’s page. Once the secretariat has reviewed and published it, download the new badge from the badge kit.' },
          ],
          facts: ended ? [{ label: { ja: '有効期限', en: 'Valid until' }, value: formatDate(ended) }] : [],
          action: { label: { ja: 'マイページで更新を申請する', en: 'Request the renewal on your organization’s page' }, url: myPageUrl(baseUrl) },
        },
      };
    }
    default:
      return null;
  }
}
