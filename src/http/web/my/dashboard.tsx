// GET /my: the organization's declarations and awards, each with its state and what to do next.
import type { MailPromise } from '../../../domain/mail/recipients.js';
import { asOf, RENEWAL_WINDOW_DAYS } from '../../../domain/declaration-lifecycle.js';
import type { FC } from 'hono/jsx';
import { STATUS_LABELS } from '../../../domain/declaration-lifecycle.js';
import type { Award, Declaration, Organization } from '../../../domain/model.js';
import { formatDate, formatFiscalYear } from '../../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../../pages/i18n.js';
import { PartnerMunicipality } from '../../pages/partner-municipality.js';
import { RenewForm } from './declaration-pages.js';
import { reasonLabel } from './labels.js';
import { isLive } from './live-declaration.js';
import type { Member } from './member.js';
import { MyLayout, Notice } from './my-layout.js';
import { AWARD_STATUS_LABELS } from '../../../domain/awards/labels.js';
import { japanDaysBetween } from '../../../domain/japan-calendar.js';
import { GUIDE_PATH } from '../../pages/guide-page.js';

/** A published declaration this close to its end gets a reminder. */
/** From when the dashboard offers the renewal: the window the lifecycle opens (RENEWAL_WINDOW_DAYS). */
const EXPIRY_WARNING_DAYS = RENEWAL_WINDOW_DAYS;

const DONE: Record<string, Bilingual> = {
  submitted: { ja: '宣言を提出しました。事務局の審査結果をお待ちください。', en: 'Declaration submitted. The secretariat will review it.' },
  withdrawn: { ja: '宣言を取り下げました。', en: 'The declaration was withdrawn.' },
  renewed: { ja: '更新を申請しました。事務局の審査結果をお待ちください。', en: 'Renewal requested. The secretariat will review it.' },
  // The earlier badge is superseded: wherever it is shown it reads as replaced.
  extended: {
    ja: '宣言を更新しました。有効期限が延び、新しいバッジを発行しました。これまでのバッジとQRコードは「新しい版に置き換え済み」と表示されます。バッジキットから新しいバッジを受け取り、掲載しているものと差し替えてください。',
    en: 'The declaration was renewed: its validity runs on and a new badge was issued. The earlier badge and QR code now read "Superseded by a newer version"; get the new badge from the badge kit and replace the one you show.',
  },
};

export interface DashboardProps {
  member: Member;
  declarations: Declaration[];
  /** Each with its partner municipality (連携自治体), when it has one. */
  awards: { award: Award; awardName: string; hasBadge: boolean; partner: Organization | null }[];
  /** A municipality's: the awards naming it as their partner municipality (連携自治体), with their recipient. */
  partnerAwards?: { award: Award; awardName: string; recipient: Organization }[];
  /** Declarations with a valid badge (by declaration id). */
  badged: Set<string>;
  now: Date;
  /** Whether the registry has an address to e-mail the review's outcome to (a member's or the contact's). */
  mailed: MailPromise;
  done?: string | undefined;
  /** Why the action posted from this page was not done (a renewal whose declaration changed meanwhile). */
  problem?: string | undefined;
}

export const DashboardPage: FC<DashboardProps> = ({ member, declarations: stored, awards, partnerAwards = [], badged, now, mailed, done, problem }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const title = { ja: 'ダッシュボード', en: 'Dashboard' };
  // As of now, as /v and the public pages read it: expired from 00:00 JST after the last day,
  // before the expiry sweep has stored it (asOf), not 公表中 with 「本日…が有効期限です」 of yesterday.
  const declarations = stored.map((d) => asOf(d, now));
  const live = declarations.find(isLive);
  const newestFirst = [...declarations].reverse();
  return (
    <MyLayout member={member} title={title} section="dashboard">
      <h1>{title[lang]}</h1>
      <Notice text={problem} kind="error" />
      <Notice text={done ? DONE[done]?.[lang] : undefined} kind="success" />
      <h2>{ja ? '自己宣言' : 'Self-declaration'}</h2>
      {live ? null : (
        <div class="card action-card">
          <p>
            {declarations.length === 0
              ? ja
                ? 'まだ自己宣言がありません。トップのコミットメントと、社内制度整備ガイドラインの遵守を宣言しましょう。'
                : 'No self-declaration yet. Declare the top’s commitment and that you follow the guidelines for internal rules.'
              : ja
                ? '現在有効な宣言はありません。新しく宣言できます。'
                : 'No declaration is live now. You can declare again.'}
          </p>
          <p class="actions">
            <a class="button" href={localHref('/my/declaration', lang)}>
              {ja ? '自己宣言を作成する' : 'Write a self-declaration'}
            </a>
            {declarations.length === 0 ? <a href={localHref(GUIDE_PATH, lang)}>{ja ? '自己宣言の手引き' : 'How to declare'}</a> : null}
          </p>
        </div>
      )}
      <ul class="card-list">
        {newestFirst.map((d) => (
          <li class="card">
            <h3>
              {ja ? '地方創生テレワーク自己宣言' : 'Telework self-declaration'} <span class={`status status--${d.status}`}>{STATUS_LABELS[d.status][lang]}</span>
            </h3>
            <p class="muted">
              {ja ? `第${d.currentVersion}版・宣言日 ${formatDate(d.content.committedOn, lang)}` : `Version ${d.currentVersion}, committed on ${formatDate(d.content.committedOn, lang)}`}
              {d.validUntil && hasValidity(d) ? (ja ? `・有効期限 ${formatDate(d.validUntil, lang)}` : `, valid until ${formatDate(d.validUntil, lang)}`) : ''}
            </p>
            <NextStep member={member} declaration={d} now={now} hasBadge={badged.has(d.id)} mailed={mailed} />
          </li>
        ))}
      </ul>
      <h2>{ja ? '表彰' : 'Awards'}</h2>
      {awards.length === 0 ? <p>{ja ? '表彰の記録はありません。' : 'No award.'}</p> : null}
      <ul class="card-list">
        {awards.map(({ award: a, awardName, hasBadge, partner }) => (
          <li class="card">
            <h3>
              {formatFiscalYear(a.fiscalYear, lang)} {awardName} <span class={`status status--${a.status}`}>{AWARD_STATUS_LABELS[a.status][lang]}</span>
            </h3>
            <p class="muted">{ja ? `表彰日 ${formatDate(a.awardedOn, lang)}` : `Awarded on ${formatDate(a.awardedOn, lang)}`}</p>
            <PartnerMunicipality partner={partner} lang={lang} />
            <AwardState award={a} lang={lang} />
            {hasBadge ? (
              <p>
                <a href={localHref('/my/badges', lang)}>{ja ? '表彰のバッジを受け取る' : 'Get the award badge'}</a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {partnerAwards.length > 0 ? (
        <>
          <h2>{ja ? '連携自治体としての表彰' : 'As partner municipality'}</h2>
          <p>{ja ? '貴団体が連携自治体となっている、他の団体の表彰です。バッジは受賞した団体に発行されます。' : "Other organizations' awards naming yours as their partner municipality. Their badges are issued to the awarded organization."}</p>
          <ul class="card-list">
            {partnerAwards.map(({ award: a, awardName, recipient }) => (
              <li class="card">
                <h3>
                  {formatFiscalYear(a.fiscalYear, lang)} {awardName}
                  {a.status === 'active' ? null : <> <span class={`status status--${a.status}`}>{AWARD_STATUS_LABELS[a.status][lang]}</span></>}
                </h3>
                <p>
                  {ja ? '受賞団体: ' : 'Awarded to: '}
                  <a href={localHref(`/organizations/${recipient.id}`, lang)}>{recipient.name}</a>
                </p>
                <p class="muted">{ja ? `表彰日 ${formatDate(a.awardedOn, lang)}` : `Awarded on ${formatDate(a.awardedOn, lang)}`}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </MyLayout>
  );
};

/** A suspended or revoked award says why, as a declaration does (the same words as the e-mail the secretariat's act sent). */
const AwardState: FC<{ award: Award; lang: Lang }> = ({ award: a, lang }) => {
  if (a.status === 'active') return null;
  const ja = lang === 'ja';
  const what = a.status === 'suspended' ? { ja: '事務局により一時停止されています。', en: 'Suspended by the secretariat.' } : { ja: '事務局により取り消されました。', en: 'Revoked by the secretariat.' };
  const reason = reasonLabel(a.status, a.statusReason, lang);
  return (
    <div class="next-step next-step--attention">
      <p>
        <strong>{what[lang]}</strong>
        {reason ? ` ${ja ? '理由: ' : 'Reason: '}${reason}` : null}
      </p>
      {a.statusNote ? <p class="prose">{a.statusNote}</p> : null}
    </div>
  );
};

/** A withdrawn or revoked declaration's validity ended with it: its former expiry would read as still valid. */
const hasValidity = (d: Declaration) => d.status !== 'withdrawn' && d.status !== 'revoked';

/** What the organization can do about a declaration in its current state. */

const NextStep: FC<{ member: Member; declaration: Declaration; now: Date; hasBadge: boolean; mailed: MailPromise }> = ({ member, declaration: d, now, hasBadge, mailed }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const link = (path: string, text: Bilingual, primary = true) => (
    <a class={primary ? 'button' : 'button button--secondary'} href={localHref(path, lang)}>
      {text[lang]}
    </a>
  );
  switch (d.status) {
    case 'draft':
      return d.statusReason ? (
        <div class="next-step next-step--attention">
          <p>
            <strong>{ja ? '事務局から差し戻されました。' : 'Returned by the secretariat.'}</strong> {ja ? '理由: ' : 'Reason: '}
            <span class="return-reason prose">{reasonLabel('draft', d.statusReason, lang)}</span>
          </p>
          {d.statusNote ? <p class="prose">{d.statusNote}</p> : null}
          <p class="actions">{link('/my/declaration', { ja: '修正して再提出', en: 'Edit and resubmit' })}</p>
        </div>
      ) : (
        <div class="next-step">
          <p>{ja ? '下書きです。内容を確認して提出してください。' : 'A draft: check it and submit it.'}</p>
          <p class="actions">{link('/my/declaration', { ja: '下書きを編集して提出する', en: 'Edit and submit the draft' })}</p>
        </div>
      );
    case 'submitted':
      return (
        <div class="next-step">
          <p>
            {/* A mail is promised only when one will be sent: with no address, none is queued; with no way to send e-mail, it waits. */}
            {mailed === 'sent'
              ? ja
                ? '事務局が審査しています。結果（公表または差戻し）はこのページに表示し、メールでもお知らせします。'
                : 'The secretariat is reviewing it. The outcome (published, or returned to you) shows here and is sent by e-mail too.'
              : mailed === 'unsendable'
                ? ja
                  ? '事務局が審査しています。結果（公表または差戻し）はこのページに表示します。この登録簿ではメールの送信方法が設定されていないため、メールはまだ送信されません。'
                  : 'The secretariat is reviewing it. The outcome (published, or returned to you) shows here; no way to send e-mail is configured for this registry yet, so none goes out.'
                : ja
                  ? '事務局が審査しています。結果（公表または差戻し）はこのページに表示します。メールアドレスが登録されていないため、メールではお知らせしません。'
                  : 'The secretariat is reviewing it. The outcome (published, or returned to you) shows here; no e-mail address is registered, so none is sent.'}
          </p>
        </div>
      );
    case 'published': {
      // Days on Japan's calendar, as the renewal window and the reminders count them: the prompt shows the day renewal opens.
      const daysLeft = d.validUntil ? japanDaysBetween(now, new Date(d.validUntil)) : null;
      const expiring = daysLeft !== null && daysLeft <= EXPIRY_WARNING_DAYS;
      return (
        <div class={`next-step${expiring ? ' next-step--attention' : ''}`}>
          {expiring ? (
            <p>
              <strong>
                {daysLeft! > 0
                  ? ja ? `有効期限まで残り${daysLeft}日です。` : `${daysLeft} day${daysLeft === 1 ? '' : 's'} until it expires.`
                  : // Its last day: valid until the end of today in Japan, so not 「残り0日」.
                    ja ? `本日（${formatDate(d.validUntil, lang)}）が有効期限です。` : 'It expires at the end of today (Japan time).'}
              </strong>{' '}
              {ja ? '内容に変更があれば、先に改訂してください。' : 'If anything has changed, amend it first.'}
            </p>
          ) : (
            <p>{ja ? '公表中です。バッジを採用ページや名刺に使えます。' : 'Published: use its badge on recruiting pages and business cards.'}</p>
          )}
          {expiring ? <RenewForm member={member} declaration={d} /> : null}
          <p class="actions">
            {hasBadge ? link('/my/badges', { ja: 'バッジを受け取る', en: 'Get the badge' }) : null}
            {link('/my/declaration', { ja: '内容を改訂する', en: 'Amend it' }, !hasBadge)}
          </p>
        </div>
      );
    }
    case 'suspended':
      return (
        <div class="next-step next-step--attention">
          <p>
            <strong>{ja ? '事務局により一時停止されています。' : 'Suspended by the secretariat.'}</strong> {ja ? '理由: ' : 'Reason: '}
            {reasonLabel('suspended', d.statusReason, lang)}
          </p>
          {d.statusNote ? <p class="prose">{d.statusNote}</p> : null}
          <p>{ja ? '必要な修正を行い、事務局にご連絡ください。' : 'Make the changes needed and contact the secretariat.'}</p>
          <p class="actions">{link('/my/declaration', { ja: '内容を改訂する', en: 'Amend it' })}</p>
        </div>
      );
    case 'expired':
      return (
        <div class="next-step next-step--attention">
          <RenewForm member={member} declaration={d} />
        </div>
      );
    case 'revoked':
      return (
        <div class="next-step">
          <p>
            {ja ? '事務局により取り消されました。理由: ' : 'Revoked by the secretariat. Reason: '}
            {reasonLabel('revoked', d.statusReason, lang)}
          </p>
          {d.statusNote ? <p class="prose">{d.statusNote}</p> : null}
        </div>
      );
    case 'withdrawn':
      return <p>{ja ? 'この宣言は取り下げられています。' : 'This declaration was withdrawn.'}</p>;
  }
};
