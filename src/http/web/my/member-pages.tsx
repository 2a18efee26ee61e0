// The members page's own steps: the invitation link (shown once) and the confirmation before a member is removed.
import type { FC } from 'hono/jsx';
import type { Account } from '../../../domain/accounts/model.js';
import { localHref, type Lang } from '../../pages/i18n.js';
import { Layout } from '../../pages/layout.js';
import { formatDateTime } from '../../pages/format.js';
import type { Member } from './member.js';
import { Csrf, MyLayout } from './my-layout.js';
import { invitationMailWaiting } from '../invitation-mail.js';
import { COPY_JS_PATH } from '../../assets/routes.js';

/** The invitation link, shown once: only its hash is stored. */
export const InvitationCreatedPage: FC<{ member: Member; url: string; expiresAt: string; mailed: boolean; mailSendable: boolean; email: string | null }> = ({ member, url, expiresAt, mailed, mailSendable, email }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const title = { ja: '招待リンクを作成しました', en: 'Invitation link created' };
  return (
    <MyLayout member={member} title={title} section="members">
      <h1>{title[lang]}</h1>
      <p class="notice notice--error">
        {ja
          ? 'このリンクは今だけ表示されます（登録簿には保存されません）。招待する人に安全な方法で伝えてください。'
          : 'This link is shown only now (the registry does not keep it). Pass it on to the person you invite by a safe channel.'}
      </p>
      <p>
        <label for="invitation-url">{ja ? '招待リンク' : 'Invitation link'}</label>
      </p>
      <textarea id="invitation-url" class="embed-snippet" readonly rows={2}>
        {`\n${url}`}
      </textarea>
      <div class="copy-row">
        <button type="button" class="button button--secondary" hidden data-copy-target="invitation-url" data-copy-status="invitation-url-status" data-copied={ja ? 'コピーしました' : 'Copied'} data-failed={ja ? 'コピーできませんでした。テキストを選択してコピーしてください。' : 'Could not copy: select the text and copy it.'}>
          {ja ? 'リンクをコピー' : 'Copy the link'}
        </button>
        <p class="copy-status" id="invitation-url-status" role="status" aria-live="polite"></p>
      </div>
      <p>
        {ja ? `有効期限: ${formatDateTime(expiresAt, lang)}（1回のみ使用可）` : `Expires: ${formatDateTime(expiresAt, lang)} (works once)`}
      </p>
      {mailed && email ? <p>{mailSendable ? (ja ? `${email} 宛てにメールでも送りました。` : `It was also e-mailed to ${email}.`) : invitationMailWaiting(email)[lang]}</p> : null}
      <p>
        <a href={localHref('/my/members', lang)}>{ja ? 'メンバーの一覧に戻る' : 'Back to the members'}</a>
      </p>
      <script src={COPY_JS_PATH} defer></script>
    </MyLayout>
  );
};

/** GET /my/members/:accountId/remove: the confirmation step before a member is removed, or leaves (their own id). */
export const RemoveMemberPage: FC<{ member: Member; target: Account }> = ({ member, target }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const self = target.id === member.account.id;
  const title = self ? { ja: 'この団体から抜ける', en: 'Leave this organization' } : { ja: 'メンバーの削除', en: 'Remove a member' };
  return (
    <MyLayout member={member} title={title} section="members">
      <h1>{title[lang]}</h1>
      <p>
        {self
          ? ja
            ? `この団体から抜けます（${member.organization.name}）。すぐにログアウトされ、この団体のお知らせのメールも届かなくなります。もう一度参加するには新しい招待が必要です。`
            : `You leave ${member.organization.name}: you are signed out at once and no longer get its notices. Joining again takes a new invitation.`
          : ja
            ? `${target.displayName}さんをこの団体のメンバーから削除します。ログイン中であれば、すぐにログアウトされます。もう一度参加するには新しい招待が必要です。`
            : `${target.displayName} will no longer be a member of this organization and is signed out at once. Joining again takes a new invitation.`}
      </p>
      <form method="post" action={localHref(`/my/members/${target.id}/remove`, lang)}>
        <Csrf token={member.csrf} />
        <div class="actions">
          <button class="button button--danger" type="submit">
            {self ? (ja ? '抜ける' : 'Leave') : ja ? '削除する' : 'Remove'}
          </button>
          <a class="button button--secondary" href={localHref('/my/members', lang)}>
            {ja ? 'やめる' : 'Cancel'}
          </a>
        </div>
      </form>
    </MyLayout>
  );
};

/** After POST /my/members/<own id>/remove: the person left, and this session ended with it. */
export const LeftPage: FC<{ lang: Lang; organizationName: string }> = ({ lang, organizationName }) => {
  const ja = lang === 'ja';
  const title = ja ? '団体から抜けました' : 'You left the organization';
  return (
    <Layout lang={lang} title={title} section={null} otherLangHref={localHref('/login', ja ? 'en' : 'ja')}>
      <h1>{title}</h1>
      <p class="notice notice--success" role="status">
        {ja
          ? `${organizationName}のメンバーではなくなり、ログアウトしました。もう一度参加するには、団体の管理者に新しい招待を依頼してください。`
          : `You are no longer a member of ${organizationName} and have been signed out. To join again, ask its owner for a new invitation.`}
      </p>
      <p>
        <a href={localHref('/', lang)}>{ja ? 'トップページへ' : 'To the home page'}</a>
      </p>
    </Layout>
  );
};
