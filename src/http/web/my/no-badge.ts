// Why the badge kit offers no badge for a record that had one: said per record (the declaration,
// each award), so a suspended award beside a withdrawn declaration reads as both, not as one.
import type { Award, AwardCode, Declaration } from '../../../domain/model.js';
import type { CredentialSummary } from '../../../ports/credential-store.js';
import { badgeSubject } from '../../pages/badge-alt.js';
import type { Bilingual } from '../../pages/i18n.js';

/** How a declaration's end left its badge, by the declaration's status (its badge is never valid again). */
const ENDED: Partial<Record<Declaration['status'], Bilingual>> = {
  withdrawn: { ja: '宣言を取り下げたため、これまでのバッジは無効になりました。', en: 'Your declaration was withdrawn, so its badge is no longer valid.' },
  revoked: { ja: '宣言が取り消されたため、これまでのバッジは無効になりました。', en: 'Your declaration was revoked, so its badge is no longer valid.' },
  expired: { ja: '宣言の有効期限が切れたため、これまでのバッジは無効になりました。', en: 'Your declaration expired, so its badge is no longer valid.' },
};

const NEXT: Bilingual = { ja: '新しい自己宣言が公表されると、そのバッジをここからダウンロードできます。', en: 'Once a new declaration is published, download its badge here.' };
const RENEW: Bilingual = { ja: '宣言を更新して再び公表されると、新しいバッジをここからダウンロードできます。', en: 'Once the declaration is renewed and published again, download its new badge here.' };
const RENEWAL_IN_REVIEW: Bilingual = { ja: '更新を事務局が審査しています。公表されると、新しいバッジをここからダウンロードできます。', en: 'The secretariat is reviewing its renewal; once it is published, download its new badge here.' };

const suspended = (what: Bilingual): Bilingual => ({
  ja: `${what.ja}のバッジは一時停止中のため、今は有効ではありません。停止が解除されると、ここから再びダウンロードできます。`,
  en: `The ${what.en} badge is suspended and not valid for now; once it is resumed, download it here again.`,
});

const and = (a: Bilingual, b: Bilingual): Bilingual => ({ ja: a.ja + b.ja, en: `${a.en} ${b.en}` });

/** The declaration's part: only when no declaration badge is valid, by the latest declaration that had one. */
function declarationReason(stored: readonly CredentialSummary[], declarations: readonly Declaration[]): Bilingual | null {
  const issued = new Set(stored.filter((s) => s.subjectType === 'declaration').map((s) => s.subjectId));
  if (issued.size === 0 || stored.some((s) => s.subjectType === 'declaration' && s.status === 'active')) return null;
  const latest = [...declarations].reverse().find((d) => issued.has(d.id));
  if (latest?.status === 'suspended') return suspended({ ja: '自己宣言', en: 'self-declaration' });
  // A renewal after expiry, back in review (or returned), still holds its expired badge.
  const status = latest && latest.publishedAt !== null && (latest.status === 'submitted' || latest.status === 'draft') ? 'expired' : latest?.status;
  const why = status && ENDED[status];
  if (!why) return and({ ja: 'これまでのバッジは、取下げ・取消・期限切れにより無効になりました。', en: 'Your earlier badges are no longer valid (withdrawn, revoked or expired).' }, NEXT);
  // A renewal already requested is not asked for again.
  return and(why, status !== 'expired' ? NEXT : latest!.status === 'submitted' ? RENEWAL_IN_REVIEW : RENEW);
}

/** Each award whose badge is not valid, by the award's own state. */
function awardReasons(stored: readonly CredentialSummary[], awards: readonly Award[], categories: AwardCode[], divisions: AwardCode[]): Bilingual[] {
  return awards.flatMap((award) => {
    const own = stored.filter((s) => s.subjectType === 'award' && s.subjectId === award.id);
    if (own.length === 0 || own.some((s) => s.status === 'active')) return [];
    const what = { ja: badgeSubject('ja', categories, divisions, award), en: badgeSubject('en', categories, divisions, award) };
    if (award.status === 'suspended') return [suspended(what)];
    if (award.status === 'revoked') return [{ ja: `${what.ja}の表彰が取り消されたため、そのバッジは無効になりました。`, en: `The ${what.en} was revoked, so its badge is no longer valid.` }];
    return [];
  });
}

/**
 * Why there is no badge to offer, one sentence per record: "not yet" only to an organization that
 * never had one; one whose badge ended (withdrawn, revoked, expired) or is suspended must not read
 * that a badge is on its way. Null when every record that had a badge still has a valid one.
 * `awards` newest first, as the dashboard lists them.
 */
export function whyNoBadge(stored: readonly CredentialSummary[], declarations: readonly Declaration[], awards: readonly Award[], categories: AwardCode[], divisions: AwardCode[]): Bilingual[] | null {
  if (stored.length === 0) return [{ ja: 'バッジはまだありません。自己宣言が公表されると、ここからダウンロードできます。', en: 'No badge yet. Once your declaration is published, download its badge here.' }];
  const reasons = [declarationReason(stored, declarations), ...awardReasons(stored, awards, categories, divisions)].filter((r): r is Bilingual => r !== null);
  return reasons.length > 0 ? reasons : null;
}
