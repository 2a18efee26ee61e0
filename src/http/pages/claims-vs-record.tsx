import type { FC } from 'hono/jsx';
import type { ComparisonRow, ClaimsComparison } from './claims-comparison.js';
import { bidiShown } from './bidi-shown.js';
import { pick, type Lang } from './i18n.js';
import { contentTrusted, type Verdict } from './verdict.js';

/**
 * /verify: the credential's claims beside the registry's record, one row per fact. A row that
 * differs says so in words (「相違あり」) and with a mark, never by colour alone; the summary above
 * says what a difference means for this verdict (renamed since issuance, or altered).
 */
export const ClaimsVsRecord: FC<{ comparison: ClaimsComparison; verdict: Verdict; lang: Lang }> = ({ comparison, verdict, lang }) => {
  const ja = lang === 'ja';
  const heading = ja ? 'バッジの記載と登録簿の記録' : 'The badge’s claims and the registry’s record';
  if (comparison.basis === 'none') {
    return (
      <section class="claims" aria-labelledby="claims-heading" data-comparison="none">
        <h2 id="claims-heading">{heading}</h2>
        <p class="notice">
          {comparison.reason === 'other-issuer'
            ? ja
              ? 'このクレデンシャルは登録簿以外の発行者によるものです。登録簿には比較できる記録がありません。'
              : 'This credential comes from an issuer other than the registry. The registry has no record to compare it with.'
            : ja
              ? '登録簿にはこのクレデンシャルの記録がありません。比較できる記録がないため、記載内容は確かめられません。'
              : 'The registry has no record of this credential, so there is nothing to compare its claims with.'}
        </p>
      </section>
    );
  }
  const genuine = contentTrusted(verdict);
  const rows = <ComparisonRows rows={comparison.rows} genuine={genuine} lang={lang} />;
  return (
    <section class="claims" aria-labelledby="claims-heading" data-comparison={comparison.differences > 0 ? 'differs' : 'matches'}>
      <h2 id="claims-heading">{heading}</h2>
      <p class={`notice ${comparison.differences > 0 ? (genuine ? 'notice--warn' : 'notice--error') : genuine ? 'notice--success' : 'notice--error'}`} id="claims-summary">
        <Summary differences={comparison.differences} genuine={genuine} lang={lang} />
      </p>
      {/* All the same on a genuine badge: the rows are there to look at, not in the way. */}
      {comparison.differences === 0 && genuine ? (
        <details class="claims__all">
          <summary>{ja ? `照合した${comparison.rows.length}項目を見る` : `Show the ${comparison.rows.length} items compared`}</summary>
          {rows}
        </details>
      ) : (
        rows
      )}
    </section>
  );
};

const Summary: FC<{ differences: number; genuine: boolean; lang: Lang }> = ({ differences, genuine, lang }) => {
  const ja = lang === 'ja';
  if (differences === 0) {
    if (genuine) return <>{ja ? 'バッジの記載は、登録簿の現在の記録とすべて一致しています。' : 'Everything the badge says matches the registry’s current record.'}</>;
    return (
      <>
        {ja
          ? '記載内容は登録簿の記録と一致していますが、署名を確認できないため、このバッジを本物として扱うことはできません。'
          : 'The claims match the registry’s record, but the signature could not be confirmed, so this badge cannot be treated as genuine.'}
      </>
    );
  }
  const count = ja ? `${differences}項目` : differences === 1 ? '1 item' : `${differences} items`;
  if (genuine) {
    return (
      <>
        <strong>{ja ? `${count}が登録簿の現在の記録と異なります。` : `${count} ${differences === 1 ? 'differs' : 'differ'} from the registry’s current record.`}</strong>{' '}
        {ja
          ? '署名は正しいため、バッジの発行後に登録簿の記録が変わったものです（団体名の変更、宣言の改訂など）。現在の内容は登録簿の記録のとおりです。'
          : 'The signature is genuine, so the record changed after the badge was issued (a new organization name, an amended declaration, and so on). The registry’s record shows the facts as they are now.'}
      </>
    );
  }
  return (
    <>
      <strong>{ja ? `${count}が登録簿の記録と異なります。` : `${count} ${differences === 1 ? 'differs' : 'differ'} from the registry’s record.`}</strong>{' '}
      {ja
        ? '署名を確認できないため、バッジの記載は書き換えられた可能性があります。登録簿の記録を正しい内容としてください。'
        : 'The signature could not be confirmed, so the badge’s claims may have been altered. Rely on the registry’s record.'}
    </>
  );
};

/** One entry per fact: its name and the verdict in words, then the two values side by side. */
const ComparisonRows: FC<{ rows: ComparisonRow[]; genuine: boolean; lang: Lang }> = ({ rows, genuine, lang }) => {
  const ja = lang === 'ja';
  const claimedLabel = genuine ? (ja ? 'バッジの記載' : 'On the badge') : ja ? 'バッジの記載（未確認）' : 'On the badge (unverified)';
  const recordedLabel = ja ? '登録簿の記録（現在）' : 'Registry record (now)';
  const value = (text: ComparisonRow['claimed'], none: string, prose?: true) =>
    text ? <span class={prose ? 'prose' : undefined}>{bidiShown(pick(lang, text))}</span> : <span class="muted">{none}</span>;
  return (
    <ul class="claims__rows">
      {rows.map((r) => (
        <li class={`claims__row ${r.same ? 'claims__row--same' : 'claims__row--differs'}`} data-field={r.field}>
          <p class="claims__field">
            <strong>{pick(lang, r.label)}</strong>
            <span class="claims__mark">
              {/* The symbol repeats the word; the word is what counts. */}
              <span aria-hidden="true">{r.same ? '✓ ' : '≠ '}</span>
              {r.same ? (ja ? '一致' : 'Matches') : ja ? '相違あり' : 'Differs'}
            </span>
          </p>
          <dl class="claims__values">
            <div>
              <dt>{claimedLabel}</dt>
              <dd>{value(r.claimed, ja ? '記載なし' : 'Not stated', r.prose)}</dd>
            </div>
            <div>
              <dt>{recordedLabel}</dt>
              <dd>{value(r.recorded, ja ? '記録なし' : 'Not recorded', r.prose)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
};
