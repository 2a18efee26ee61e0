import type { MailKind } from '../../ports/mail.js';
import { formatDate, formatDateTime } from './dates.js';
import { aboutOrganization, badgeKitUrl, greetingFor, NOT_EXPECTED, type DeclarationChange } from './declaration-mail.js';
import type { Bilingual, Letter } from './letter.js';

/** What the badge kit and the /my notice say after a re-issue, said to everyone who hears about the organization. */
export const REPLACE_THE_BADGE: Bilingual = {
  ja: '新しいバッジを発行しました。これまでのバッジとQRコードは「新しい版に置き換え済み」と表示されます。バッジキットから新しいバッジを受け取り、ウェブサイトや名刺などに掲載しているものと差し替えてください。',
  en: 'A new badge has been issued. The earlier badge and QR code now read "Superseded by a newer version": get the new badge from the badge kit and replace the one on your website, business cards and other material.',
};

/**
 * What the organization did itself to a published declaration that issues its badge anew: a
 * renewal before expiry (it stays published, valid for another period: renewedEarly) or an
 * amendment (a new version). The earlier badge then reads as superseded wherever it is shown, so
 * every recipient hears it, not only the member who pressed the button (who sees it on /my).
 * Null for any other change.
 */
export function reissueLetter({ action, before, after, organization }: DeclarationChange, { baseUrl }: { baseUrl: string }): { kind: MailKind; letter: Letter } | null {
  const greeting = greetingFor(organization);
  const at = (label: Bilingual) => ({ label, value: formatDateTime(after.updatedAt) });
  const validUntil = after.validUntil ? [{ label: { ja: '有効期限', en: 'Valid until' }, value: formatDate(after.validUntil) }] : [];
  const badgeKit = { label: { ja: 'バッジキットを開く', en: 'Open the badge kit' }, url: badgeKitUrl(baseUrl) };
  if (action === 'renew' && before?.status === 'published' && after.status === 'published') {
    return {
      kind: 'declaration.renewed',
      letter: {
        subject: aboutOrganization({ ja: '自己宣言の更新が完了しました', en: 'Your declaration has been renewed' }, organization),
        greeting,
        paragraphs: [
          { ja: '地方創生テレワークの自己宣言を更新し、有効期限を延長しました。宣言は引き続き公表されています。', en: 'Your telework declaration has been renewed and its validity extended. It stays published.' },
          REPLACE_THE_BADGE,
          NOT_EXPECTED,
        ],
        facts: [at({ ja: '更新日時', en: 'Renewed on' }), ...validUntil],
        action: badgeKit,
      },
    };
  }
  if (action === 'amend' && before?.status === 'published' && after.currentVersion !== before.currentVersion) {
    return {
      kind: 'declaration.amended',
      letter: {
        subject: aboutOrganization({ ja: '自己宣言の内容が変更されました', en: 'Your declaration has been amended' }, organization),
        greeting,
        paragraphs: [
          { ja: `地方創生テレワークの自己宣言の内容が変更され、第${after.currentVersion}版として公表されました。`, en: `Your telework declaration has been amended; version ${after.currentVersion} is now published.` },
          REPLACE_THE_BADGE,
          NOT_EXPECTED,
        ],
        facts: [{ label: { ja: '版', en: 'Version' }, value: { ja: `第${after.currentVersion}版`, en: `Version ${after.currentVersion}` } }, at({ ja: '変更日時', en: 'Amended on' }), ...validUntil],
        action: badgeKit,
      },
    };
  }
  return null;
}
