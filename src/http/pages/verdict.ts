// One verdict per answer, decided from the real verification outcome (signature, issuer, dates,
// status list bits) plus what the registry's own record says. The record adds what bits alone
// cannot tell: an expired or superseded credential has its revocation bit set too.
import type { ProblemDetail, VerificationOutcome } from '../../ports/credentials.js';
import type { StoredCredential } from '../../ports/credential-store.js';
import type { Bilingual } from './i18n.js';
import type { VerificationProblemTitle } from '../../domain/credentials/verification-messages.js';

export type Verdict = 'valid' | 'suspended' | 'revoked' | 'withdrawn' | 'superseded' | 'expired' | 'key-retired' | 'unchecked' | 'invalid';

export const VERDICT_LABELS: Record<Verdict, Bilingual> = {
  valid: { ja: '有効', en: 'Valid' },
  suspended: { ja: '一時停止中', en: 'Suspended' },
  revoked: { ja: '取消', en: 'Revoked' },
  // The organization's own act, not the secretariat's sanction: its status bit is the revocation bit all the same.
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  // Not a sanction: every amendment or key rotation replaces the credential. Shown neutrally.
  superseded: { ja: '以前の版（新しい版があります）', en: 'Older version (a newer one exists)' },
  expired: { ja: '期限切れ', en: 'Expired' },
  // The registry's own unchanged record, signed with a key it has since retired: not valid, but not "invalid" (altered or forged) either.
  'key-retired': { ja: '廃止済みの鍵で署名', en: 'Signed with a retired key' },
  // Another issuer's badge whose key this verifier cannot retrieve (its signature was never checked), or a trusted
  // issuer's whose status lists it never fetches (its status was never read): not "invalid" either way.
  unchecked: { ja: 'ここでは確認できません', en: 'Cannot be checked here' },
  invalid: { ja: '確認できません', en: 'Cannot be verified' },
};

export const VERDICT_EXPLANATIONS: Record<Verdict, Bilingual> = {
  valid: {
    ja: 'このバッジは登録簿が発行した本物で、現在有効です。',
    en: 'This badge was issued by the registry, is genuine, and is currently valid.',
  },
  suspended: {
    ja: 'このバッジは登録簿が発行したものですが、現在一時停止されています。いまは有効なものとして扱わないでください。',
    en: 'This badge was issued by the registry but is currently suspended. Do not treat it as valid for now.',
  },
  revoked: {
    ja: 'このバッジは登録簿が発行したものですが、事務局により取り消されています。有効ではありません。',
    en: 'This badge was issued by the registry but has been revoked. It is not valid.',
  },
  withdrawn: {
    ja: 'このバッジは登録簿が発行したものですが、団体が宣言を取り下げたため、有効ではありません。',
    en: 'This badge was issued by the registry, but the organization has withdrawn its declaration, so it is not valid.',
  },
  superseded: {
    ja: 'これはこのバッジの以前の版です。内容の改訂や署名鍵の更新で新しい版が発行されたため、この版は使われなくなりました。現在の状態は最新の版で確認してください。',
    en: 'This is an older version of this badge. A newer version was issued when the content was amended or the signing key was renewed, so this one is no longer used. Check the current version for the present status.',
  },
  expired: {
    ja: 'このバッジは有効期間が終了しています。有効ではありません。',
    en: 'The validity period of this badge has ended. It is not valid.',
  },
  'key-retired': {
    ja: 'このバッジは登録簿が発行したもので、登録簿の記録どおりです（改ざんされたものではありません）。ただし、登録簿がすでに廃止した署名鍵で署名されているため、現在は有効なものとして確認できません。新しい鍵での再発行を待つか、事務局にお問い合わせください。',
    en: 'This badge was issued by the registry and matches its record (it has not been altered). But it is signed with a key the registry has retired, so it cannot be confirmed as valid now. Wait for it to be reissued with a current key, or ask the secretariat.',
  },
  unchecked: {
    ja: 'このバッジの発行者の公開鍵をここでは取得できないため、署名を確認できませんでした。本物とも偽物とも判断していません。内容を確かめるには、発行者に問い合わせるか、発行者自身の確認ページで確認してください。',
    en: 'The public key of this badge’s issuer cannot be retrieved here, so its signature could not be checked. It has been neither confirmed as genuine nor found false. To be sure of it, ask the issuer, or check it on the issuer’s own verification page.',
  },
  invalid: {
    ja: '署名または発行者を確認できませんでした。改ざんされたか、このレジストリが発行したものではない可能性があります。',
    en: 'The signature or the issuer could not be confirmed. It may have been altered or not been issued by this registry.',
  },
};

/**
 * What a person holding a badge that is not valid now can do next: whether it can become valid
 * again, and where to look (the organization's page, linked beside it). Expired only when no
 * renewed badge or renewal under review is named instead.
 */
export const VERDICT_NEXT_STEPS: Partial<Record<Verdict, Bilingual>> = {
  suspended: {
    ja: '一時停止が解除されれば、このバッジは再び有効になります。最新の状態は団体のページで確認するか、団体に直接お問い合わせください。',
    en: 'If the suspension is lifted, this badge becomes valid again. See the organization’s page for its current status, or ask the organization directly.',
  },
  revoked: {
    ja: '取り消されたバッジが再び有効になることはありません。このバッジを根拠にせず、団体のページで現在の宣言・表彰を確認してください。',
    en: 'A revoked badge never becomes valid again. Do not rely on it: see the organization’s page for its current declarations and awards.',
  },
  withdrawn: {
    ja: 'このバッジが再び有効になることはありません。団体が改めて宣言している場合は、団体のページに載っています。',
    en: 'This badge will not become valid again. If the organization has declared anew, its page shows it.',
  },
  expired: {
    ja: '有効期間が終わったバッジは再び有効になりません。団体が宣言を更新すると新しいバッジが発行されます。団体のページで現在の宣言を確認するか、団体に直接お問い合わせください。',
    en: 'A badge whose validity period has ended does not become valid again; when the organization renews its declaration, a new badge is issued. See the organization’s page for its current declaration, or ask the organization directly.',
  },
};

const problemNamed = (outcome: VerificationOutcome, name: string) => outcome.problemDetails.some((p) => p.type.endsWith(`/problems/${name}`));

/** Signature, issuer and key checks: failing any of them means nothing else in the credential can be trusted. */
const AUTHENTICITY_PROBLEMS = ['untrusted-issuer', 'unknown-key', 'retired-key', 'schema'];
const AUTHENTICITY_SPEC_TYPES = ['#PARSING_ERROR', '#MALFORMED_VALUE_ERROR', '#CRYPTOGRAPHIC_SECURITY_ERROR', '#MISMATCHED_PROOF_PURPOSE_ERROR', '#MALFORMED_PROOF_ERROR'];

/**
 * Problems that leave a credential unchecked rather than wrong: its key could not be retrieved
 * (key-retrieval.ts); beside that, its issuer not being this registry (why the key is out of reach)
 * and its status lists being another issuer's, never fetched (so any real one of theirs has it too).
 */
// By title too: PROOF_VERIFICATION_ERROR also names a proof of a type or cryptosuite not checked here (proof-rules.ts), whose key is not the matter.
const KEY_NOT_RETRIEVABLE: VerificationProblemTitle = 'Verification method not retrievable';
const NOT_RETRIEVABLE = (p: ProblemDetail) => p.type.endsWith('#PROOF_VERIFICATION_ERROR') && p.title === KEY_NOT_RETRIEVABLE;
const STATUS_NOT_RETRIEVED = (p: ProblemDetail) => p.type.endsWith('#STATUS_RETRIEVAL_ERROR');
const UNCHECKED_ONLY = (p: ProblemDetail) => NOT_RETRIEVABLE(p) || p.type.endsWith('/problems/untrusted-issuer') || STATUS_NOT_RETRIEVED(p);

const authenticityProblem = (p: ProblemDetail) =>
  AUTHENTICITY_PROBLEMS.some((name) => p.type.endsWith(`/problems/${name}`)) || AUTHENTICITY_SPEC_TYPES.some((suffix) => p.type.endsWith(suffix)) || NOT_RETRIEVABLE(p);

/**
 * The registry's own stored credential (a record is only ever the registry's copy, read from its
 * database: /v/{id}, a pasted copy whose signature held, or one equal to the stored copy signed with
 * a since retired key: retired-key-copy.ts) whose only fault is its signing key
 * having been retired: the issuer check says retired-key, and the proof fails only because a
 * retired key is no longer resolvable. Retired keys no longer verify (README "After a rotation",
 * keys/README.md), so this is not valid; but nothing was altered, so it is not "invalid" either.
 */
function signedWithRetiredKeyOnly(outcome: VerificationOutcome, record: StoredCredential | null): boolean {
  return (
    record !== null &&
    problemNamed(outcome, 'retired-key') &&
    outcome.problemDetails.filter(authenticityProblem).every((p) => p.type.endsWith('/problems/retired-key') || p.type.endsWith('#CRYPTOGRAPHIC_SECURITY_ERROR'))
  );
}

/** Whether the verdict itself vouches for the content (not an invalid or unchecked one). */
export const contentTrusted = (verdict: Verdict) => verdict !== 'invalid' && verdict !== 'unchecked';

/**
 * Passed the issuer check without being this registry's: an issuer listed in TRUSTED_ISSUERS,
 * whose verified badge POST /credentials/verify calls verified, so the page must not call it invalid.
 */
export const issuedByTrustedIssuer = (outcome: Pick<VerificationOutcome, 'issuedByRegistry' | 'results'>): boolean =>
  !outcome.issuedByRegistry && outcome.results.some((r) => r.check === 'issuer' && r.verified);

/**
 * A trusted issuer's valid badge: who issued it, by the DID it names (rendered as text, escaped),
 * and plainly not this registry, which has no record (so no status of its own) to add.
 */
const trustedIssuerExplanation = (issuerId: string): Bilingual => ({
  ja: `このバッジは、この登録簿が信頼する発行者（${issuerId}）が発行したもので、署名・有効期間などの確認にすべて合格しました。この登録簿が発行したものではなく、登録簿にはこのバッジの記録がありません。`,
  en: `This badge was issued by ${issuerId}, an issuer this registry trusts, and passed every check (signature, validity period and the rest). It was not issued by this registry, which holds no record of it.`,
});

/**
 * A trusted issuer's badge that passed every check but its status: its status lists are that
 * issuer's, which verification never fetches (STATUS_RETRIEVAL_ERROR), so whether it was revoked
 * or suspended is unknown here. Unchecked, like a badge whose key is out of reach: not a forgery.
 */
const trustedIssuerStatusUnread = (outcome: VerificationOutcome) =>
  issuedByTrustedIssuer(outcome) && outcome.problemDetails.length > 0 && outcome.problemDetails.every(STATUS_NOT_RETRIEVED);

/**
 * Whether the credential's content can be shown as what its issuer signed: as contentTrusted, and
 * also a trusted issuer's badge left unchecked only for its status lists (its signature held).
 */
export const contentShown = (verdict: Verdict, outcome: VerificationOutcome) => contentTrusted(verdict) || (verdict === 'unchecked' && trustedIssuerStatusUnread(outcome));

/** What a trusted issuer's badge says of its status: the signature held, the status lists are out of reach. */
const trustedIssuerStatusUncheckedExplanation = (issuerId: string): Bilingual => ({
  ja: `このバッジは、この登録簿が信頼する発行者（${issuerId}）が署名したもので、署名どおり改ざんされていません（偽物ではありません）。ただし、取消・一時停止の状態はその発行者のステータスリストにあり、この登録簿はそれを取得しないため、現在も有効かどうかはここでは確認できません。発行者に問い合わせるか、発行者自身の確認ページで確認してください。`,
  en: `This badge was signed by ${issuerId}, an issuer this registry trusts, and has not been altered (it is not a forgery). But whether it has been revoked or suspended is kept in that issuer’s own status list, which this registry does not fetch, so whether it is still valid cannot be checked here. Ask the issuer, or check it on the issuer’s own verification page.`,
});

/** The verdict's explanation; a trusted issuer's badge names that issuer instead of the registry. */
export function verdictExplanation(verdict: Verdict, outcome: VerificationOutcome, issuerId: string | null): Bilingual {
  if (issuerId && verdict === 'valid' && issuedByTrustedIssuer(outcome)) return trustedIssuerExplanation(issuerId);
  if (issuerId && verdict === 'unchecked' && trustedIssuerStatusUnread(outcome)) return trustedIssuerStatusUncheckedExplanation(issuerId);
  return VERDICT_EXPLANATIONS[verdict];
}

export function verdictOf(outcome: VerificationOutcome, record: StoredCredential | null): Verdict {
  const authentic =
    (outcome.issuedByRegistry || issuedByTrustedIssuer(outcome)) &&
    outcome.checks.includes('proof') &&
    !AUTHENTICITY_PROBLEMS.some((name) => problemNamed(outcome, name)) &&
    !outcome.problemDetails.some((p) => AUTHENTICITY_SPEC_TYPES.some((suffix) => p.type.endsWith(suffix)));
  const retiredKey = !authentic && signedWithRetiredKeyOnly(outcome, record);
  if (!authentic && !retiredKey) return outcome.problemDetails.some(NOT_RETRIEVABLE) && outcome.problemDetails.every(UNCHECKED_ONLY) ? 'unchecked' : 'invalid';
  if (record?.status === 'superseded') return 'superseded';
  if (record?.status === 'expired' || problemNamed(outcome, 'expired')) return 'expired';
  if (record?.status === 'revoked' || outcome.status?.revoked || problemNamed(outcome, 'revoked')) return 'revoked';
  if (record?.status === 'suspended' || outcome.status?.suspended || problemNamed(outcome, 'suspended')) return 'suspended';
  // The record's own status comes first: a superseded, expired or revoked badge is not reissued, so "reissue pending" would be false.
  if (retiredKey) return 'key-retired';
  if (trustedIssuerStatusUnread(outcome)) return 'unchecked';
  return outcome.verified ? 'valid' : 'invalid';
}
