import type { MailKind } from '../../ports/mail.js';
import { formatDateTime } from './dates.js';
import { aboutOrganization, greetingFor, MY_PAGE, myPageUrl, NOT_EXPECTED, type DeclarationChange } from './declaration-mail.js';
import type { Letter } from './letter.js';

/**
 * The organization withdrew its declaration (one member's act): every recipient is told, as the
 * badge others may show now reads 「取下げ」. A declaration published once is public as withdrawn
 * (publicStateOf), its badge to be taken down; one never published left nothing public. Null for
 * any other change.
 */
export function withdrawalLetter({ action, after, organization }: DeclarationChange, { baseUrl }: { baseUrl: string }): { kind: MailKind; letter: Letter } | null {
  if (action !== 'withdraw') return null;
  const wasPublic = after.publishedAt !== null;
  return {
    kind: 'declaration.withdrawn',
    letter: {
      subject: aboutOrganization({ ja: '自己宣言の取下げが完了しました', en: 'Your declaration has been withdrawn' }, organization),
      greeting: greetingFor(organization),
      paragraphs: [
        wasPublic
          ? { ja: '地方創生テレワークの自己宣言を取り下げました。公表ページとバッジ（クレデンシャル）は「取下げ」と表示され、QRコードから確認した方にも有効ではないと示されます。ウェブサイト等での掲示をおやめください。', en: 'Your telework declaration has been withdrawn. Its public page and badge (credential) now show it as withdrawn, and whoever checks the QR code is told it is no longer valid: please remove the badge from your website and other material.' }
          : { ja: '地方創生テレワークの自己宣言を取り下げました。この宣言は公表されていないため、公開される情報はありません。', en: 'Your telework declaration has been withdrawn. It was never published, so nothing about it is public.' },
        { ja: '改めて宣言する場合は、マイページから新しい宣言を作成してください。', en: 'To declare again, write a new declaration on your organization’s page.' },
        NOT_EXPECTED,
      ],
      facts: [{ label: { ja: '取下げ日時', en: 'Withdrawn on' }, value: formatDateTime(after.updatedAt) }],
      action: { label: MY_PAGE, url: myPageUrl(baseUrl) },
    },
  };
}
