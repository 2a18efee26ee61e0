import type { Award, Organization } from '../model.js';
import type { MailKind } from '../../ports/mail.js';
import { badgeKitUrl, greetingFor, MY_PAGE, myPageUrl, reasonFacts } from './declaration-mail.js';
import type { Bilingual, Letter } from './letter.js';

/** A committed award change, with the award's name as people read it (e.g. 令和6年度 大臣賞). */
export interface AwardMailChange {
  action: string;
  after: Award;
  organization: Organization;
  title: Bilingual;
}

/**
 * What an award change tells the awarded organization: its suspension, reinstatement or
 * revocation, as for declarations; null for the others.
 */
export function awardLetter({ action, after, organization, title }: AwardMailChange, { baseUrl }: { baseUrl: string }): { kind: MailKind; letter: Letter } | null {
  const greeting = greetingFor(organization);
  const award: Bilingual = { ja: `表彰「${title.ja}」`, en: `award (${title.en})` };
  const awardFact = { label: { ja: '表彰', en: 'Award' }, value: title };
  switch (action) {
    case 'suspend':
      return {
        kind: 'award.suspended',
        letter: {
          subject: { ja: '表彰が一時停止されました', en: 'Your award has been suspended' },
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
          subject: { ja: '表彰の一時停止が解除されました', en: 'Your award has been reinstated' },
          greeting,
          paragraphs: [
            { ja: `一時停止していた貴団体の${award.ja}を再開しました。公開ページとバッジは再び有効です。`, en: `Your ${award.en} stands again: its public pages and badge are valid once more.` },
          ],
          facts: [awardFact],
          action: { label: { ja: 'バッジキットを開く', en: 'Open the badge kit' }, url: badgeKitUrl(baseUrl) },
        },
      };
    case 'revoke':
      return {
        kind: 'award.revoked',
        letter: {
          subject: { ja: '表彰が取り消されました', en: 'Your award has been revoked' },
          greeting,
          paragraphs: [
            { ja: `事務局は、貴団体の${award.ja}を取り消しました。バッジ（クレデンシャル）は無効となりましたので、ウェブサイト等での掲示をおやめください。`, en: `The secretariat has revoked your ${award.en}. Its badge (credential) is no longer valid: please remove it from your website and other material.` },
          ],
          facts: [awardFact, ...reasonFacts('revoke', after)],
          action: { label: MY_PAGE, url: myPageUrl(baseUrl) },
        },
      };
    default:
      return null;
  }
}
