import { fieldLabelsFor } from '../declaration-field-labels.js';
import { japanMidnight } from '../japan-calendar.js';
import type { MailKind } from '../../ports/mail.js';
import { formatDate, formatDateTime } from './dates.js';
import { aboutOrganization, greetingFor, myPageUrl, type DeclarationChange } from './declaration-mail.js';
import type { Bilingual, Letter } from './letter.js';

/** What was sent for review, as the receipt names it. */
function whatWasReceived(renewal: boolean, resubmitted: boolean): Bilingual {
  const what = renewal ? { ja: '自己宣言の更新', en: 'The renewal of your declaration' } : { ja: '自己宣言（新規）', en: 'Your new declaration' };
  if (!resubmitted) return what;
  return renewal
    ? { ja: '自己宣言の更新（差戻し後の再提出）', en: 'The renewal of your declaration, resubmitted after it was returned' }
    : { ja: '自己宣言（差戻し後の再提出）', en: 'Your declaration, resubmitted after it was returned' };
}

/**
 * The receipt (受付のお知らせ) of a declaration sent for review: a first submission, one again
 * after a return, or a renewal after expiry. It says what was received and when (Japan time), who
 * signed it (in the organization's words: a municipality's 首長), and what happens next. Null for
 * any other change; a renewal before expiry is not reviewed (it stays published: renewedEarly).
 */
export function receiptLetter({ action, before, after, organization }: DeclarationChange, { baseUrl }: { baseUrl: string }): { kind: MailKind; letter: Letter } | null {
  if ((action !== 'submit' && action !== 'renew') || after.status !== 'submitted') return null;
  // Published once: a renewal after expiry (only a renewal brings a published declaration back to review).
  const renewal = after.publishedAt !== null;
  // Submitted from a draft that was returned: a return leaves its reason on the draft, and a renewal back in draft was returned.
  const resubmitted = action === 'submit' && before !== null && (before.statusReason !== null || before.publishedAt !== null);
  const labels = fieldLabelsFor(organization.kind);
  const { signerName, signerTitle, committedOn } = after.content;
  const same = (value: string): Bilingual => ({ ja: value, en: value });
  return {
    kind: 'declaration.received',
    letter: {
      subject: aboutOrganization(renewal ? { ja: '自己宣言の更新を受け付けました', en: 'Your declaration renewal has been received' } : { ja: '自己宣言を受け付けました', en: 'Your declaration has been received' }, organization),
      greeting: greetingFor(organization),
      paragraphs: [
        renewal
          ? { ja: '地方創生テレワークの自己宣言の更新の申請を受け付けました。', en: 'We have received the request to renew your telework declaration.' }
          : { ja: '地方創生テレワークの自己宣言を受け付けました。ご提出ありがとうございます。', en: 'We have received your telework declaration. Thank you for submitting it.' },
        { ja: 'これから事務局が内容を審査します。審査の結果、公表したとき、または修正をお願いするため差し戻したときに、あらためてメールでお知らせします。審査の状況はマイページでご確認いただけます。', en: 'The secretariat will now review it. You will receive another e-mail when it is published, or if it is returned to you for changes. Meanwhile, its status is shown on your organization’s page.' },
        ...(renewal ? [{ ja: '更新が公表されるまで、これまでの宣言の公表ページとバッジ（クレデンシャル）は「期限切れ」と表示されます。', en: 'Until the renewal is published, the public page and the badge (credential) of your declaration show it as expired.' }] : []),
      ],
      facts: [
        { label: { ja: '受付内容', en: 'Received' }, value: whatWasReceived(renewal, resubmitted) },
        { label: { ja: '受付日時', en: 'Received on' }, value: formatDateTime(after.submittedAt ?? after.updatedAt) },
        { label: labels.signerName, value: same(signerName) },
        ...(signerTitle ? [{ label: labels.signerTitle, value: same(signerTitle) }] : []),
        { label: labels.committedOn, value: formatDate(japanMidnight(committedOn)) },
      ],
      action: { label: { ja: '審査の状況を確認する（マイページ）', en: 'See the review’s status on your organization’s page' }, url: myPageUrl(baseUrl) },
    },
  };
}
