// The declaration pages that are not the form: a declaration that cannot be edited right now
// (under review, expired), the renewal form, and the withdrawal's confirmation step.
import type { FC } from 'hono/jsx';
import { isPublicDeclaration, STATUS_LABELS } from '../../../domain/declaration-lifecycle.js';
import type { Declaration } from '../../../domain/model.js';
import { formatDate } from '../../pages/format.js';
import { localHref } from '../../pages/i18n.js';
import { WithdrawLink } from './declaration-form.js';
import { DeclarationFacts } from './declaration-view.js';
import type { Member } from './member.js';
import { Csrf, MyLayout, Notice } from './my-layout.js';

/** Submitted (waiting for review) or expired (renew it): read, not edited. */
export const DeclarationReadOnlyPage: FC<{ member: Member; declaration: Declaration; message?: { text: string; kind: 'info' | 'success' | 'error' } | undefined }> = ({ member, declaration: d, message }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const title = { ja: '自己宣言', en: 'Your self-declaration' };
  return (
    <MyLayout member={member} title={title} section="declaration">
      <h1>{title[lang]}</h1>
      <Notice text={message?.text} kind={message?.kind} />
      <p>
        {ja ? '状態: ' : 'Status: '}
        <span class={`status status--${d.status}`}>{STATUS_LABELS[d.status][lang]}</span>
        {ja ? ` 第${d.currentVersion}版` : ` version ${d.currentVersion}`}
      </p>
      {d.status === 'submitted' ? (
        <p class="notice">
          {ja
            ? '事務局が審査しています。審査が終わるまで内容は変更できません。結果はダッシュボードに表示されます。'
            : 'The secretariat is reviewing it; it cannot be changed until the review ends. The outcome appears on your dashboard.'}
        </p>
      ) : null}
      {d.status === 'expired' ? (
        <section class="card action-card" aria-labelledby="renew-title">
          <h2 id="renew-title">{ja ? '宣言を更新する' : 'Renew the declaration'}</h2>
          <RenewForm member={member} declaration={d} />
        </section>
      ) : null}
      <h2>{ja ? '宣言の内容' : 'What it says'}</h2>
      <DeclarationFacts lang={lang} content={d.content} isPublic={isPublicDeclaration(d)} kind={member.organization.kind} />
      {d.status === 'submitted' ? <WithdrawLink lang={lang} /> : null}
    </MyLayout>
  );
};

/**
 * Renewal (POST /my/declaration/renew): after expiry the same content goes back to review; while
 * published, in the last RENEWAL_WINDOW_DAYS, it is renewed at once and its badge never lapses.
 */
export const RenewForm: FC<{ member: Member; declaration: Declaration }> = ({ member, declaration: d }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const early = d.status === 'published';
  return (
    <form method="post" action={localHref('/my/declaration/renew', lang)} class="renew-form">
      <p>
        {early
          ? ja
            ? `有効期限（${formatDate(d.validUntil, lang)}）の前に、今の内容のまま更新できます。更新すると有効期限が延び、新しいバッジ（クレデンシャル）が発行されます。`
            : `You can renew it before it expires (${formatDate(d.validUntil, lang)}), as it is: its validity runs on and a new badge (credential) is issued.`
          : ja
            ? `有効期限（${formatDate(d.validUntil, lang)}）が過ぎました。更新を申請すると、現在の内容で事務局の審査に進みます。`
            : `Its validity ended on ${formatDate(d.validUntil, lang)}. Renewing sends the current content to the secretariat for review.`}
      </p>
      <Csrf token={member.csrf} />
      <input type="hidden" name="declarationId" value={d.id} />
      <input type="hidden" name="rowVersion" value={String(d.rowVersion)} />
      <button class="button" type="submit" id="renew-button">
        {early ? (ja ? '更新する' : 'Renew') : ja ? '更新を申請する' : 'Request renewal'}
      </button>
    </form>
  );
};

/** GET /my/declaration/withdraw: what withdrawing means, and the button that does it. */
export const WithdrawConfirmPage: FC<{ member: Member; declaration: Declaration; problem?: string | undefined }> = ({ member, declaration: d, problem }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const title = { ja: '宣言の取下げ', en: 'Withdraw the declaration' };
  return (
    <MyLayout member={member} title={title} section="declaration">
      <h1>{title[lang]}</h1>
      <Notice text={problem} kind="error" />
      <div class="notice notice--error">
        <p>
          {ja
            ? '取り下げた宣言は元に戻せません。公表中の場合は公表が終わり、バッジは無効になります（検証ページには「取下げ」と表示されます）。改めて宣言するには、新しい宣言を作成して提出します。'
            : 'A withdrawn declaration cannot be restored. If it is published, publication ends and its badge becomes invalid (the verification page says "withdrawn"). To declare again, write and submit a new declaration.'}
        </p>
      </div>
      <p>
        {ja ? '対象: ' : 'Declaration: '}
        <span class={`status status--${d.status}`}>{STATUS_LABELS[d.status][lang]}</span>
        {ja ? ` 第${d.currentVersion}版（宣言日 ${formatDate(d.content.committedOn, lang)}）` : ` version ${d.currentVersion} (committed on ${formatDate(d.content.committedOn, lang)})`}
      </p>
      <form method="post" action={localHref('/my/declaration/withdraw', lang)}>
        <Csrf token={member.csrf} />
        <input type="hidden" name="declarationId" value={d.id} />
        <input type="hidden" name="rowVersion" value={String(d.rowVersion)} />
        <div class="actions">
          <button class="button button--danger" type="submit">
            {ja ? '取り下げる' : 'Withdraw'}
          </button>
          <a class="button button--secondary" href={localHref('/my/declaration', lang)}>
            {ja ? 'やめる' : 'Cancel'}
          </a>
        </div>
      </form>
    </MyLayout>
  );
};
