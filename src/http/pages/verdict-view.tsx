import type { FC } from 'hono/jsx';
import { bidiShown } from './bidi-shown.js';
import { formatAsOf, formatDate, formatRange } from './format.js';
import { inParentheses, localHref, pick, type Bilingual, type Lang } from './i18n.js';
import type { VerificationAnswer } from './verification-answer.js';
import { contentTrusted, VERDICT_NEXT_STEPS, type Verdict } from './verdict.js';
import { RENEWAL_UNDER_REVIEW, RENEWAL_UNDER_REVIEW_NOTE } from '../../domain/declaration-lifecycle.js';
import { REGISTRY_NAME } from '../../registry.js';

const QUESTION_MARK = 'M19 19a5 5 0 1 1 7 4.6c-1.3.6-2 1.6-2 3V28M24 33v2';

/** Icons repeat the verdict's word in shape (tick, pause, cross, clock, "i"), so colour is never the only signal. */
const ICON_PATHS: Record<Verdict | 'unknown', string> = {
  valid: 'M14 25l7 7 13-15',
  suspended: 'M19 15v18M29 15v18',
  revoked: 'M16 16l16 16M32 16L16 32',
  withdrawn: 'M16 16l16 16M32 16L16 32',
  // An "i", not a cross: an older version is information, not a sanction.
  superseded: 'M24 22v12M24 14v1',
  invalid: 'M24 13v14M24 33v2',
  // The same "!" as invalid: not valid, though for a reason the page names (the key, not the content).
  'key-retired': 'M24 13v14M24 33v2',
  // A question mark: the signature was not checked, neither confirmed nor found false.
  unchecked: QUESTION_MARK,
  expired: 'M24 14v10l7 5',
  unknown: QUESTION_MARK,
};

export const VerdictIcon: FC<{ verdict: Verdict | 'unknown' }> = ({ verdict }) => (
  <svg class="verdict__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="4" />
    <path d={ICON_PATHS[verdict]} fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

/** 「以前の版（新しい版があります）」: the word stays large, the parenthetical smaller, so a phone shows 以前の版 on one line. */
const VerdictWord: FC<{ label: string }> = ({ label }) => {
  const split = /^(.+?)(（.+）| \(.+\))$/.exec(label);
  return split ? (
    <>
      {split[1]}
      <span class="verdict__note">{split[2]}</span>
    </>
  ) : (
    <>{label}</>
  );
};

/** What was declared or awarded, in one line: 「地方創生テレワーク 自己宣言」 or 「令和7年度 大臣賞」. */
export function claimSummary(answer: VerificationAnswer, lang: Lang): string | null {
  if (answer.award) {
    const { award } = answer;
    const division = award.division ? inParentheses(lang, pick(lang, award.division)) : '';
    return lang === 'ja'
      ? `地方創生テレワーク表彰 ${pick(lang, award.fiscalYearLabel)} ${pick(lang, award.category)}${division}`
      : `Telework award, ${pick(lang, award.fiscalYearLabel)}: ${pick(lang, award.category)}${division}`;
  }
  if (answer.declaration) return lang === 'ja' ? '地方創生テレワーク 自己宣言' : 'Regional revitalization telework self-declaration';
  return answer.title ? pick(lang, answer.title) : null;
}

/** The day a badge stopped being valid, by what stopped it (also the organization page's ended declarations). */
export const CHANGED_ON: Partial<Record<Verdict, Bilingual>> = {
  suspended: { ja: '一時停止日', en: 'Suspended on' },
  revoked: { ja: '取消日', en: 'Revoked on' },
  withdrawn: { ja: '取下げ日', en: 'Withdrawn on' },
};

/** The label of a suspension's or revocation's reason (also the organization page's cards). */
export const REASON_LABEL: Bilingual = { ja: '理由', en: 'Reason' };

/** Beside the verdict, what a person checks against the poster: what, until when, and since when not. */
const VerdictFacts: FC<{ answer: VerificationAnswer; lang: Lang }> = ({ answer, lang }) => {
  const ja = lang === 'ja';
  const { verdict, statusChange } = answer;
  const summary = claimSummary(answer, lang);
  const until = answer.validUntil ? formatDate(answer.validUntil, lang) : ja ? '定めなし' : 'No end date';
  const changedAt = statusChange?.at ? formatDate(statusChange.at, lang) : null;
  const reason = statusChange?.reason ? pick(lang, statusChange.reason) : null;
  const changedOn = CHANGED_ON[verdict];
  return (
    <dl class="verdict__facts">
      {summary ? (
        <div>
          <dt>{ja ? '内容' : 'What'}</dt>
          <dd>{summary}</dd>
        </div>
      ) : null}
      {changedOn && changedAt ? (
        <div>
          <dt>{pick(lang, changedOn)}</dt>
          <dd>{changedAt}</dd>
        </div>
      ) : null}
      {(verdict === 'suspended' || verdict === 'revoked') && reason ? (
        <div>
          <dt>{pick(lang, REASON_LABEL)}</dt>
          <dd>{reason}</dd>
        </div>
      ) : null}
      {verdict === 'expired' ? (
        <div>
          <dt>{ja ? '有効期限切れ' : 'Expired on'}</dt>
          <dd>{changedAt ?? until}</dd>
        </div>
      ) : null}
      {/* A revoked or superseded badge's end date is no longer what matters; the details keep it as history. */}
      {(verdict === 'valid' || verdict === 'suspended') && answer.validFrom ? (
        <div>
          <dt>{ja ? '有効期限' : 'Valid until'}</dt>
          <dd>{until}</dd>
        </div>
      ) : null}
    </dl>
  );
};

/**
 * For a badge not valid now, what to do next and the way to the organization's page: a job seeker
 * who scanned a poster must not be left at 「有効ではありません」. Not for an expired badge whose
 * renewed badge or renewal under review is named above instead.
 */
const NextStep: FC<{ answer: VerificationAnswer; lang: Lang }> = ({ answer, lang }) => {
  const step = VERDICT_NEXT_STEPS[answer.verdict];
  // Only the registry's own badge (it holds the record): another issuer's organization has no page here.
  if (!step || !answer.credentialId || !answer.organization || answer.currentVersion || answer.renewalUnderReview) return null;
  const { id, name } = answer.organization;
  return (
    <div class="verdict__next">
      <p>
        <strong>{lang === 'ja' ? '次にすること：' : 'What to do: '}</strong>
        {pick(lang, step)}
      </p>
      {id ? (
        <p>
          <a href={localHref(`/organizations/${id}`, lang)}>{lang === 'ja' ? `${name}のページを見る` : `See the page of ${name}`}</a>
        </p>
      ) : null}
    </div>
  );
};

/** The one unmistakable answer at the top of the page: icon, word, one sentence, then the facts to match. */
/** `focused`: the banner takes focus as the page opens (/verify's answer to a post), so it is read first. */
export const VerdictBanner: FC<{ answer: VerificationAnswer; lang: Lang; focused?: boolean }> = ({ answer, lang, focused = false }) => {
  const ja = lang === 'ja';
  const showBadge = answer.verdict === 'valid' && answer.credentialId;
  return (
    <section class={`verdict verdict--${answer.verdict}`} aria-labelledby="verdict-word" data-verdict={answer.verdict} tabindex={focused ? -1 : undefined} autofocus={focused || undefined}>
      <VerdictIcon verdict={answer.verdict} />
      <div class="verdict__body">
        <span class="verdict__label">{ja ? '確認結果' : 'Result'}</span>
        <strong class="verdict__word" id="verdict-word">
          <VerdictWord label={pick(lang, answer.verdictLabel)} />
        </strong>
        <p>{pick(lang, answer.explanation)}</p>
        {answer.currentVersion && answer.verdict === 'expired' ? (
          // The declaration expired, was renewed and published again: the poster's old QR code leads on.
          <>
            <p class="verdict__renewed">
              {ja
                ? 'この宣言はその後更新され、新しいバッジが発行されています。'
                : 'This declaration has since been renewed, and a new badge has been issued.'}
            </p>
            <p class="verdict__current">
              <a class="button" href={localHref(`/v/${answer.currentVersion.credentialId}`, lang)}>
                {ja ? '更新後のバッジを確認する' : 'Check the renewed badge'}
              </a>
            </p>
          </>
        ) : answer.currentVersion ? (
          <p class="verdict__current">
            <a class="button" href={localHref(`/v/${answer.currentVersion.credentialId}`, lang)}>
              {ja ? '最新の版を確認する' : 'Check the current version'}
            </a>
          </p>
        ) : answer.renewalUnderReview ? (
          // Expired, renewal applied for and under review: no new badge yet, but the lapse is not the whole story.
          <p class="verdict__renewal">
            <strong>{pick(lang, RENEWAL_UNDER_REVIEW)}</strong>
            {ja ? '：' : ': '}
            {pick(lang, RENEWAL_UNDER_REVIEW_NOTE)}
          </p>
        ) : null}
        <VerdictFacts answer={answer} lang={lang} />
        <NextStep answer={answer} lang={lang} />
        {/* Only a valid badge's image is served to the public (badge.svg answers 410 otherwise). */}
        {showBadge ? (
          <img
            class="verdict__badge"
            src={`/credentials/${answer.credentialId}/badge.svg`}
            width="320"
            height="200"
            alt={
              ja
                ? `${answer.organization?.name ?? ''}のバッジ画像（${claimSummary(answer, lang) ?? ''}）。掲示されているバッジと見比べてください。`
                : `Badge image of ${answer.organization?.name ?? ''} (${claimSummary(answer, lang) ?? ''}). Compare it with the badge on display.`
            }
          />
        ) : null}
        <p class="muted">
          <time datetime={answer.asOf}>{formatAsOf(new Date(answer.asOf), lang)}</time>
        </p>
      </div>
    </section>
  );
};

const Fact: FC<{ term: string; children?: unknown }> = ({ term, children }) => (
  <div>
    <dt>{term}</dt>
    <dd>{children as never}</dd>
  </div>
);

/**
 * Who issued it, only as far as the signature bears out: the registry by name once its signature
 * held; a copy naming the registry whose signature does not match its keys (tampered or forged)
 * says just that, never that someone else issued it; another issuer by the identifier it names.
 */
const IssuerLine: FC<{ issuer: VerificationAnswer['issuer']; keyRetired: boolean; lang: Lang }> = ({ issuer, keyRetired, lang }) => {
  const ja = lang === 'ja';
  // The registry's own record: its signature is not in doubt, only the key it was made with is no longer in use.
  if (keyRetired) {
    return ja ? (
      <>{`${REGISTRY_NAME.ja}（このレジストリ。すでに廃止した署名鍵で署名されています）`}</>
    ) : (
      <>{`${REGISTRY_NAME.en} (this registry; signed with a key it has since retired)`}</>
    );
  }
  if (issuer.name) {
    return (
      <>
        {pick(lang, issuer.name)}
        <br />
        <span class="muted">
          {ja ? 'ドメイン: ' : 'Domain: '}
          <strong>{issuer.domain}</strong>
        </span>
      </>
    );
  }
  if (issuer.namesRegistry) {
    return ja ? (
      <>{`このレジストリ（${issuer.id ?? ''}）が発行者として記載されていますが、署名がこのレジストリの公開鍵と一致しないため、このレジストリが発行したものとは確認できません`}</>
    ) : (
      <>{`Names this registry (${issuer.id ?? ''}) as its issuer, but its signature does not match this registry’s public keys, so it cannot be confirmed as issued by this registry`}</>
    );
  }
  if (!issuer.id) return <>{ja ? '記載なし' : 'None named'}</>;
  return <>{bidiShown(ja ? `このレジストリではない発行者（${issuer.id}）` : `An issuer other than this registry (${issuer.id})`)}</>;
};

/** What the credential says, in the order a reader checks it: who, what, how long, who says so. */
export const VerdictDetails: FC<{ answer: VerificationAnswer; lang: Lang }> = ({ answer, lang }) => {
  const ja = lang === 'ja';
  const { organization, declaration, award, issuer } = answer;
  return (
    <>
      {organization ? (
        <section aria-labelledby="organization-heading">
          <h2 id="organization-heading">{ja ? '団体' : 'Organization'}</h2>
          <dl class="facts">
            <Fact term={ja ? '名称' : 'Name'}>
              {/* The Japanese name, marked so on an English page (for a screen reader's voice). */}
              <span lang={ja ? undefined : 'ja'}>
                {organization.id ? <a href={localHref(`/organizations/${organization.id}`, lang)}>{bidiShown(organization.name)}</a> : bidiShown(organization.name)}
              </span>
              {organization.nameEn ? <span lang="en"> ({bidiShown(organization.nameEn)})</span> : null}
            </Fact>
            {organization.corporateNumber ? <Fact term={ja ? '法人番号' : 'Corporate number'}>{organization.corporateNumber}</Fact> : null}
            {organization.localGovernmentCode ? <Fact term={ja ? '地方公共団体コード' : 'Local government code'}>{organization.localGovernmentCode}</Fact> : null}
            {organization.prefecture ? <Fact term={ja ? '都道府県' : 'Prefecture'}>{pick(lang, organization.prefecture)}</Fact> : null}
          </dl>
        </section>
      ) : null}
      {declaration ? (
        <section aria-labelledby="claim-heading">
          <h2 id="claim-heading">{ja ? '地方創生テレワーク自己宣言' : 'Telework self-declaration'}</h2>
          <p class="muted">{ja ? '団体自身による宣言です（認定ではありません）。' : 'Declared by the organization itself (not a certification).'}</p>
          <dl class="facts">
            {declaration.committedOn ? <Fact term={ja ? '宣言日（トップのコミットメント）' : 'Committed on'}>{formatDate(declaration.committedOn, lang)}</Fact> : null}
            {declaration.guidelineAreas.length > 0 ? (
              <Fact term={ja ? 'ガイドラインの対象分野' : 'Guideline areas'}>
                <ul class="chips">
                  {declaration.guidelineAreas.map((area) => (
                    <li>{pick(lang, area)}</li>
                  ))}
                </ul>
              </Fact>
            ) : null}
            {declaration.policy ? (
              <Fact term={ja ? '取組方針' : 'Policy'}>
                <span class="prose" lang="ja">{bidiShown(declaration.policy)}</span>
              </Fact>
            ) : null}
          </dl>
        </section>
      ) : null}
      {award ? (
        <section aria-labelledby="claim-heading">
          <h2 id="claim-heading">{ja ? '地方創生テレワーク表彰' : 'Telework award'}</h2>
          <dl class="facts">
            <Fact term={ja ? '年度' : 'Fiscal year'}>{pick(lang, award.fiscalYearLabel)}</Fact>
            <Fact term={ja ? '賞' : 'Category'}>
              {pick(lang, award.category)}
              {award.division ? inParentheses(lang, pick(lang, award.division)) : null}
            </Fact>
            {award.awardedOn ? <Fact term={ja ? '表彰日' : 'Awarded on'}>{formatDate(award.awardedOn, lang)}</Fact> : null}
            {award.overview ? (
              <Fact term={ja ? '取組の概要' : 'Overview'}>
                <span class="prose" lang="ja">{bidiShown(award.overview)}</span>
              </Fact>
            ) : null}
            {award.message ? (
              <Fact term={ja ? 'メッセージ' : 'Message'}>
                <span class="prose" lang="ja">{bidiShown(award.message)}</span>
              </Fact>
            ) : null}
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="validity-heading">
        <h2 id="validity-heading">{ja ? '有効期間と発行者' : 'Validity and issuer'}</h2>
        <dl class="facts">
          {answer.validFrom && (answer.verdict === 'revoked' || answer.verdict === 'withdrawn' || answer.verdict === 'superseded') ? (
            // History only: a revoked or replaced badge's end date no longer tells anyone anything.
            <Fact term={ja ? '発行時の有効期間（履歴）' : 'Validity when issued (history)'}>
              {formatRange(formatDate(answer.validFrom, lang), answer.validUntil ? formatDate(answer.validUntil, lang) : ja ? '定めなし' : 'no end date', lang)}
            </Fact>
          ) : answer.validFrom ? (
            <>
              <Fact term={ja ? '有効期間の開始' : 'Valid from'}>{formatDate(answer.validFrom, lang)}</Fact>
              <Fact term={ja ? '有効期間の終了' : 'Valid until'}>{answer.validUntil ? formatDate(answer.validUntil, lang) : ja ? '定めなし' : 'No end date'}</Fact>
            </>
          ) : null}
          <Fact term={ja ? '発行者' : 'Issuer'}>
            <IssuerLine issuer={issuer} keyRetired={answer.verdict === 'key-retired'} lang={lang} />
          </Fact>
          {answer.credentialId ? <Fact term={ja ? 'バッジID' : 'Badge ID'}>{answer.credentialId}</Fact> : null}
        </dl>
      </section>
      {answer.problems.length > 0 && !contentTrusted(answer.verdict) ? (
        <section aria-labelledby="problems-heading">
          <h2 id="problems-heading">{ja ? '確認できなかった点' : 'What could not be confirmed'}</h2>
          <ul class="problems">
            {answer.problems.map(({ messages }) => {
              // The technical detail stays in English (it quotes field names and keys) beneath the Japanese reason.
              return ja ? (
                <li>
                  {messages.ja}
                  <br />
                  <small class="muted" lang="en">
                    {messages.en}
                  </small>
                </li>
              ) : (
                <li>{messages.en}</li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
};

/**
 * Another issuer's badge (pasted on /verify): the registry's keys are not the ones to check it
 * against. Its issuer is named as plain text, never as a link: it comes from the pasted input.
 */
const OtherIssuerKeys: FC<{ issuerId: string | null; lang: Lang }> = ({ issuerId, lang }) => {
  const ja = lang === 'ja';
  return (
    <>
      <p>
        {ja
          ? 'このバッジは、このレジストリが発行したものではありません。このレジストリの公開鍵やステータスリストでは確認できないため、署名は発行者自身が公開している公開鍵（DID 文書など）で確認してください。'
          : 'This badge was not issued by this registry. This registry’s public keys and status lists do not apply to it: check its signature with the public keys its own issuer publishes (such as the issuer’s DID document).'}
      </p>
      <p>
        {issuerId ? (
          <>
            {ja ? 'バッジに記載された発行者: ' : 'Issuer named on the badge: '}
            <code>{issuerId}</code>
          </>
        ) : ja ? (
          'バッジに発行者が記載されていません。'
        ) : (
          'The badge names no issuer.'
        )}
      </p>
    </>
  );
};

/**
 * The registry's own badge signed with a key it has since retired: that key has left did.json and
 * jwks.json, so "anyone can check the signature there" would be false. For the verdict key-retired,
 * what to do instead (an older version's banner already leads to the current one).
 */
const RetiredKeyNote: FC<{ retiredAt: string; reissuePending: boolean; lang: Lang }> = ({ retiredAt, reissuePending, lang }) => {
  const on = formatDate(retiredAt, lang);
  return lang === 'ja' ? (
    <p>
      {`このバッジは W3C Verifiable Credentials 2.0 / Open Badges 3.0 形式の署名付きデータです。ただし、署名に使われた鍵は${on}に廃止され、発行者の DID 文書（did.json）と JWK Set（jwks.json）にはもう公開されていません。そのため、これらの公開鍵で署名を確かめることはできません。取消・一時停止はステータスリスト（Bitstring Status List）で確認できます。`}
      {reissuePending ? '新しい鍵で再発行されたバッジを待つか、事務局にお問い合わせください。' : null}
    </p>
  ) : (
    <p>
      {`This badge is signed data in the W3C Verifiable Credentials 2.0 / Open Badges 3.0 format. But the key that signed it was retired on ${on} and is no longer published in the issuer’s DID document (did.json) or JWK Set (jwks.json), so its signature cannot be checked with those public keys. Revocation or suspension can still be checked with the status list (Bitstring Status List).`}
      {reissuePending ? ' Wait for the badge to be reissued with a current key, or ask the secretariat.' : null}
    </p>
  );
};

/** How anyone can check the same answer without trusting this page. */
export const IndependentVerification: FC<{ answer: VerificationAnswer; lang: Lang }> = ({ answer, lang }) => {
  const ja = lang === 'ja';
  const path = (url: string) => new URL(url).pathname;
  // Null unless the credential names this registry as its issuer (buildVerificationAnswer).
  const { didDocument, jwks } = answer.links;
  const ownKeys = didDocument !== null && jwks !== null;
  const links = [
    answer.links.dataIntegrity ? (
      <li>
        <a href={path(answer.links.dataIntegrity)} type="application/vc">
          {ja ? 'クレデンシャル（Data Integrity 形式・JSON-LD）' : 'Credential (Data Integrity, JSON-LD)'}
        </a>
      </li>
    ) : null,
    answer.links.jwt ? (
      <li>
        <a href={path(answer.links.jwt)} type="application/vc+jwt">
          {ja ? 'クレデンシャル（JWT 形式・vc+jwt）' : 'Credential (JWT, vc+jwt)'}
        </a>
      </li>
    ) : null,
    ownKeys ? (
      <li>
        <a href={path(didDocument)}>{ja ? '発行者の DID 文書（did.json）' : 'Issuer DID document (did.json)'}</a>
      </li>
    ) : null,
    ownKeys ? (
      <li>
        <a href={path(jwks)}>{ja ? '発行者の公開鍵（jwks.json）' : 'Issuer public keys (jwks.json)'}</a>
      </li>
    ) : null,
    ...answer.links.statusLists.map((url, i) => (
      <li>
        <a href={path(url)}>{ja ? `ステータスリスト ${i + 1}` : `Status list ${i + 1}`}</a>
      </li>
    )),
  ].filter((item) => item !== null);
  return (
    <section aria-labelledby="independent-heading">
      <h2 id="independent-heading">{ja ? '自分で検証するには' : 'Verify it yourself'}</h2>
      {ownKeys && answer.keyRetiredAt ? (
        <RetiredKeyNote retiredAt={answer.keyRetiredAt} reissuePending={answer.verdict === 'key-retired'} lang={lang} />
      ) : ownKeys ? (
        <p>
          {ja
            ? 'このバッジは W3C Verifiable Credentials 2.0 / Open Badges 3.0 形式の署名付きデータです。このページを信頼しなくても、次の公開情報だけで誰でも検証できます。署名は発行者の DID 文書（did.json）または JWK Set（jwks.json）の公開鍵で、取消・一時停止はステータスリスト（Bitstring Status List）で確認します。'
            : 'This badge is signed data in the W3C Verifiable Credentials 2.0 / Open Badges 3.0 format. Anyone can verify it without trusting this page: check the signature with the public key in the issuer’s DID document (did.json) or JWK Set (jwks.json), and revocation or suspension with the status list (Bitstring Status List).'}
        </p>
      ) : (
        <OtherIssuerKeys issuerId={answer.issuer.id} lang={lang} />
      )}
      {links.length > 0 ? <ul class="link-list">{links}</ul> : null}
      <p class="muted">
        {ja ? 'API で確認する場合: ' : 'By API: '}
        <code>POST /credentials/verify</code>
      </p>
    </section>
  );
};
