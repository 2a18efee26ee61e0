// /my/profile: a person sees and corrects their own name and e-mail address (個人情報保護法).
import { Hono, type Context } from 'hono';
import type { FC } from 'hono/jsx';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../../../domain/accounts/person-rules.js';
import { DomainError } from '../../../domain/errors.js';
import type { AppEnv } from '../../env.js';
import { localHref, type Bilingual } from '../../pages/i18n.js';
import { PrivacyNote } from '../../pages/privacy-page.js';
import { readCheckedForm } from '../form.js';
import { redirectWithNotice } from '../notice.js';
import { webPage } from '../page.js';
import { ErrorSummary, TextInput, fieldId } from './form-fields.js';
import { memberOf, type Member } from './member.js';
import { Csrf, MyLayout, Notice } from './my-layout.js';
import type { MyRouteDeps } from './routes.js';

export const PROFILE_PATH = '/my/profile';

interface ProfileForm {
  name: string;
  email: string;
  errors: { name?: Bilingual[]; email?: Bilingual[] };
  notice?: Bilingual | undefined;
}

const TITLE = { ja: 'お名前とメールアドレス', en: 'Your name and e-mail address' };

const ProfilePage: FC<{ member: Member; form: ProfileForm }> = ({ member, form }) => {
  const { lang, account } = member;
  const ja = lang === 'ja';
  const gbizid = account.oidcSubject !== null;
  const summary = [
    ...(form.errors.name ?? []).map((e) => ({ href: `#${fieldId('name')}`, text: e[lang] })),
    ...(form.errors.email ?? []).map((e) => ({ href: `#${fieldId('email')}`, text: e[lang] })),
  ];
  return (
    <MyLayout member={member} title={TITLE} section="members">
      <h1>{TITLE[lang]}</h1>
      <Notice text={form.notice?.[lang]} kind="error" />
      {gbizid ? (
        <>
          <dl class="facts">
            <div>
              <dt>{ja ? 'お名前' : 'Name'}</dt>
              <dd>{account.displayName}</dd>
            </div>
            <div>
              <dt>{ja ? 'メールアドレス' : 'E-mail'}</dt>
              <dd>{account.email ?? '—'}</dd>
            </div>
          </dl>
          <p>
            {ja
              ? 'GビズIDでログインしているため、お名前とメールアドレスはログインのたびにGビズIDの登録内容から更新されます。変更はGビズIDで行ってください。'
              : 'You sign in with gBizID, so your name and e-mail address are taken from gBizID at every sign-in: change them there.'}
          </p>
        </>
      ) : (
        <>
          <p>
            {ja
              ? 'この団体のメンバー一覧と監査ログに表示されるお名前と、お知らせのメールが届くアドレスです。'
              : 'The name shown in your organization’s member list and the audit log, and the address notices are sent to.'}
          </p>
          <ErrorSummary lang={lang} items={summary} />
          {/* The members page's invitation form's spacing: one field under another, a line apart. */}
          <form method="post" action={localHref(PROFILE_PATH, lang)} novalidate class="invite-form">
            <Csrf token={member.csrf} />
            <TextInput lang={lang} name="name" label={ja ? 'お名前' : 'Your name'} value={form.name} errors={form.errors.name} required autocomplete="name" maxLength={MAX_NAME_LENGTH} />
            <TextInput lang={lang} type="email" name="email" label={ja ? 'メールアドレス（任意）' : 'E-mail (optional)'} value={form.email} errors={form.errors.email} autocomplete="email" maxLength={MAX_EMAIL_LENGTH} hint={ja ? '空にすると、あなた宛てのお知らせのメールは届かなくなります。' : 'Left empty, no notices are e-mailed to you.'} />
            <p class="actions">
              <button class="button" type="submit">
                {ja ? '保存する' : 'Save'}
              </button>
              <a class="button button--secondary" href={localHref('/my/members', lang)}>
                {ja ? 'やめる' : 'Cancel'}
              </a>
            </p>
          </form>
        </>
      )}
      <PrivacyNote lang={lang} />
    </MyLayout>
  );
};

export function profileRoutes({ registry, publicBaseUrl }: MyRouteDeps) {
  const { accounts } = registry.web;
  const page = (c: Context<AppEnv>, member: Member, form: ProfileForm, status: 200 | 400 | 403 | 409 = 200) => webPage(c, <ProfilePage member={member} form={form} />, status);

  return new Hono<AppEnv>()
    .get(PROFILE_PATH.slice('/my'.length), async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      return page(c, member, { name: member.account.displayName, email: member.account.email ?? '', errors: {} });
    })
    .post(PROFILE_PATH.slice('/my'.length), async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      // A stale token: the form again with what was typed, the reason above it; nothing saved.
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => page(c, member, { name: typed.get('name') ?? '', email: typed.get('email') ?? '', errors: {}, notice }, 403));
      const name = form.get('name') ?? '';
      const email = form.get('email') ?? '';
      try {
        await accounts.updateOwnProfile(member.ctx, { name, email });
      } catch (error) {
        if (!(error instanceof DomainError) || (error.kind !== 'validation' && error.kind !== 'conflict')) throw error;
        const errors: ProfileForm['errors'] = {};
        for (const f of error.fields) (errors[f.field === '/name' ? 'name' : 'email'] ??= []).push({ ja: f.ja, en: f.en });
        const notice = error.fields.length === 0 ? { ja: error.ja, en: error.en } : undefined;
        return page(c, member, { name, email, errors, notice }, error.kind === 'conflict' ? 409 : 400);
      }
      return redirectWithNotice(c, localHref('/my/members', member.lang, { saved: 'profile' }));
    });
}
