import { RENEWAL_WINDOW_DAYS } from '../declaration-lifecycle.js';
import type { Organization } from '../model.js';
import { formatDate } from './dates.js';
import { aboutOrganization, greetingFor, myPageUrl } from './declaration-mail.js';
import type { Letter } from './letter.js';
import { japanDaysBetween } from '../japan-calendar.js';

/**
 * Days before the end of validity at which the organization is reminded to renew. The first is
 * the day the renewal window opens (renewedEarly): a reminder sent before it would ask for a
 * renewal the registry still refuses.
 */
export const RENEWAL_REMINDER_DAYS = [RENEWAL_WINDOW_DAYS, 30, 7] as const;


/** The reminder that the declaration's validity ends soon: how many days are left, and where to renew. */
export function renewalLetter({ organization, validUntil, now, baseUrl }: { organization: Organization; validUntil: string; now: Date; baseUrl: string }): Letter {
  // Days on Japan's calendar to the last day (validUntil ends a day in Japan), as the reminder's thresholds count them.
  const daysLeft = Math.max(1, japanDaysBetween(now, new Date(validUntil)));
  const until = formatDate(validUntil);
  return {
    subject: aboutOrganization({ ja: `自己宣言の有効期限まで残り${daysLeft}日です`, en: `Your declaration expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}` }, organization),
    greeting: greetingFor(organization),
    paragraphs: [
      { ja: `貴団体の地方創生テレワークの自己宣言は、${until.ja}に有効期限を迎えます。引き続き宣言を公表しバッジをお使いいただくには、マイページから更新の手続きをしてください。`, en: `Your telework declaration is valid until ${until.en}. To keep it published and your badge valid, renew it from your organization’s page.` },
      // Why not wait for the last day: a renewal before expiry is not reviewed and runs on from the old end (renewedEarly).
      { ja: '有効期限の前に更新すると、事務局の審査を待たずにすぐに更新され、新しい有効期間は今の有効期限から始まります（残りの日数は失われません）。更新すると新しいバッジが発行されますので、掲載しているバッジを差し替えてください。', en: 'Renewing before it expires takes effect at once, without waiting for a review, and the new period starts at the current end (no days are lost). Renewing issues a new badge: replace the one you show.' },
    ],
    facts: [{ label: { ja: '有効期限', en: 'Valid until' }, value: until }],
    action: { label: { ja: 'マイページで更新する', en: 'Renew on your organization’s page' }, url: myPageUrl(baseUrl) },
  };
}
