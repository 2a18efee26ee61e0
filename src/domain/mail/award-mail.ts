import type { Award, Organization } from '../model.js';
import type { MailKind } from '../../ports/mail.js';
import { japanMidnight } from '../japan-calendar.js';
import { formatDate } from './dates.js';
import { aboutOrganization, badgeKitUrl, greetingFor, MY_PAGE, myPageUrl, reasonFacts } from './declaration-mail.js';
import { REPLACE_THE_BADGE } from './reissue-mail.js';
import { awardSignedContentChanged } from '../awards/signed-content.js';
import type { Bilingual, Letter } from './letter.js';

/** A committed award change, with the award's name as people read it (e.g. 令和6年度 大臣賞). */
export interface AwardMailChange {
  action: string;
  /** The award before the change, where the letter says what changed (a correction). */
  before?: Award | null;
  after: Award;
  organization: Organization;
  title: Bilingual;
}

/**
 * What an award change tells the awarded organization: that it received the award (its record),
 * then its suspension, reinstatement or revocation, as for declarations, and a correction of its
 * texts (with the new text, and whether the badge must be replaced); null for the others.
 */
export function awardLetter({ action, before, after, organization, title }: AwardMailChange, { baseUrl }: { baseUrl: string }): { kind: MailKind; letter: Letter } | null {
  const greeting = greetingFor(organization);
  // The English name already ends in parentheses (its fiscal year's months): named as is, not wrapped in more.
  const award: Bilingual = { ja: `表彰「${title.ja}」`, en: title.en };
  const awardFact = { label: { ja: '表彰', en: 'Award' }, value: title };
  switch (action) {
    case 'create':
      return {
        kind: 'award.recorded',
        letter: {
          subject: aboutOrganization({ ja: `${title.ja}の受賞おめでとうございます`, en: `Congratulations on your ${title.en}` }, organization),
          greeting,
          paragraphs: [
            { ja: `このたびは地方創生テレワークの${award.ja}の受賞、誠におめでとうございます。事務局で受賞を記録し、受賞を証明するバッジ（デジタル証明書）を発行しました。`, en: `Congratulations: your organization has received a regional revitalization telework award, the ${title.en}. The secretariat has recorded it and issued its badge (a digital credential) that proves it.` },
            { ja: '表彰のバッジ（画像・QRコード・埋め込み用コード）はバッジキットからダウンロードできます。QRコードを読み取ると、どなたでも受賞を確かめられます。ウェブサイトや名刺、採用情報でご活用ください。', en: 'Download the award’s badge (images, QR code and the snippet to embed it) from the badge kit. Anyone who scans the QR code can check the award. Use it on your website, business cards and job offers.' },
          ],
          facts: [awardFact, { label: { ja: '表彰日', en: 'Awarded on' }, value: formatDate(japanMidnight(after.awardedOn)) }],
          action: { label: { ja: 'バッジキットを開く', en: 'Open the badge kit' }, url: badgeKitUrl(baseUrl) },
        },
      };
    case 'suspend':
      return {
        kind: 'award.suspended',
        letter: {
          subject: aboutOrganization({ ja: '表彰が一時停止されました', en: 'Your award has been suspended' }, organization),
          greeting,
          paragraphs: [
            { ja: `事務局は、貴団体の${award.ja}を一時停止しました。停止中は公開ページとバッジ（クレデンシャル）が「一時停止中」と表示されます。下記の理由をご確認ください。`, en: `The secretariat has suspended your ${award.en}. While it is suspended, the public pages and the badge (credential) show it as suspended. Please read the reason below.` },
          ],
          facts: [awardFact, ...reasonFacts('suspend', after)],
          action: { label: MY_PAGE, url: myPageUrl(baseUrl) },
        },
      };
    case 'reinstate':
      return {
        kind: 'award.reinstated',
        letter: {
          subject: aboutOrganization({ ja: '表彰の一時停止が解除されました', en: 'Your award has been reinstated' }, organization),
          greeting,
          paragraphs: [
            // As the subject says: the suspension is lifted (an award is not 「再開」ed, as a publication is).
            { ja: `貴団体の${award.ja}の一時停止を解除しました。公開ページとバッジは再び有効です。`, en: `The suspension of your ${award.en} has been lifted: its public pages and badge are valid once more.` },
          ],
          facts: [awardFact],
          action: { label: { ja: 'バッジキットを開く', en: 'Open the badge kit' }, url: badgeKitUrl(baseUrl) },
        },
      };
    case 'revoke':
      return {
        kind: 'award.revoked',
        letter: {
          subject: aboutOrganization({ ja: '表彰が取り消されました', en: 'Your award has been revoked' }, organization),
          greeting,
          paragraphs: [
            { ja: `事務局は、貴団体の${award.ja}を取り消しました。バッジ（クレデンシャル）は無効となりましたので、ウェブサイト等での掲示をおやめください。`, en: `The secretariat has revoked your ${award.en}. Its badge (credential) is no longer valid: please remove it from your website and other material.` },
          ],
          facts: [awardFact, ...reasonFacts('revoke', after)],
          action: { label: MY_PAGE, url: myPageUrl(baseUrl) },
        },
      };
    case 'correct': {
      // The corrected texts as they now read, so the organization checks them without signing in.
      const corrected = (['overview', 'message'] as const)
        .filter((field) => before && before[field] !== after[field])
        .map((field) => ({
          label: field === 'overview' ? { ja: '概要（訂正後）', en: 'Overview (corrected)' } : { ja: 'メッセージ（訂正後）', en: 'Message (corrected)' },
          value: { ja: after[field] ?? '（なし）', en: after[field] ?? '(none)' },
        }));
      if (before && before.awardedOn !== after.awardedOn) corrected.push({ label: { ja: '表彰日（訂正後）', en: 'Awarded on (corrected)' }, value: formatDate(japanMidnight(after.awardedOn)) });
      const reissued = awardSignedContentChanged(before ?? null, after);
      return {
        kind: 'award.corrected',
        letter: {
          subject: aboutOrganization({ ja: '表彰の記載を訂正しました', en: 'The record of your award has been corrected' }, organization),
          greeting,
          paragraphs: [
            { ja: `事務局は、貴団体の${award.ja}の記載を下記のとおり訂正しました。公開ページには訂正後の内容が表示されます。`, en: `The secretariat has corrected the record of your ${award.en} as below. The public pages show the corrected text.` },
            reissued
              ? REPLACE_THE_BADGE
              : { ja: 'バッジ（クレデンシャル）に変更はありません。これまでのバッジとQRコードをそのままお使いいただけます。', en: 'Your badge (credential) is unchanged: keep using the badge and QR code you have.' },
          ],
          facts: [awardFact, ...corrected],
          action: reissued ? { label: { ja: 'バッジキットを開く', en: 'Open the badge kit' }, url: badgeKitUrl(baseUrl) } : { label: MY_PAGE, url: myPageUrl(baseUrl) },
        },
      };
    }
    default:
      return null;
  }
}

/**
 * What a municipality named as an award's partner municipality (連携自治体) is told when the award
 * is recorded: which organization's award names it, and where it is shown. The award is the
 * other organization's, so its badge and congratulations are not the municipality's.
 */
export function partnerLetter({ action, after, organization, title }: AwardMailChange, partner: Organization, { baseUrl }: { baseUrl: string }): { kind: MailKind; letter: Letter } | null {
  if (action !== 'create' || after.partnerMunicipalityId !== partner.id) return null;
  const awarded: Bilingual = { ja: organization.name, en: organization.nameEn ?? organization.name };
  return {
    kind: 'award.partner-named',
    letter: {
      subject: aboutOrganization({ ja: `${title.ja}の連携自治体として記録されました`, en: `Named as partner municipality of the ${title.en}` }, partner),
      greeting: greetingFor(partner),
      paragraphs: [
        { ja: `${awarded.ja}が受賞した地方創生テレワークの表彰「${title.ja}」に、貴自治体が連携自治体として記録されました。`, en: `Your municipality has been recorded as the partner municipality of a regional revitalization telework award, the ${title.en}, received by ${awarded.en}.` },
        { ja: '表彰は受賞した団体のもので、そのバッジは受賞した団体に発行されます。受賞した団体の公開ページに連携自治体として貴自治体の名前が表示され、マイページにも「連携自治体として」記載された表彰として表示されます。', en: 'The award and its badge belong to the organization that received it. Its public page names your municipality as partner municipality, and your organization’s page lists it among the awards you partnered in.' },
      ],
      facts: [
        { label: { ja: '表彰', en: 'Award' }, value: title },
        { label: { ja: '受賞した団体', en: 'Received by' }, value: awarded },
        { label: { ja: '表彰日', en: 'Awarded on' }, value: formatDate(japanMidnight(after.awardedOn)) },
        { label: { ja: '受賞した団体のページ', en: 'Its public page' }, value: { ja: `${baseUrl}/organizations/${organization.id}`, en: `${baseUrl}/organizations/${organization.id}?lang=en` } },
      ],
      action: { label: MY_PAGE, url: myPageUrl(baseUrl) },
    },
  };
}
