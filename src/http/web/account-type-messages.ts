// What a person is told when their GビズID account's type is not trusted (OIDC_TRUSTED_ACCOUNT_TYPES):
// the registry cannot tell Entry from an unknown type, so it names the accounts that do work.
import type { Bilingual } from '../pages/i18n.js';

/** Why the type matters, and which accounts to use instead. */
const WHY_AND_WHICH: Bilingual = {
  ja: 'gBizIDエントリーのアカウントは書類の確認なしに発行され、その法人番号は本人の申告にすぎないためです。gBizIDプライムのアカウント、またはその管理者が発行したgBizIDメンバーのアカウントでログインしてください（gBizIDエントリーのアカウントは使えません）。',
  en: 'A gBizID Entry account is issued without any document check, so its corporate number is only self-declared. Sign in with a gBizID Prime account, or a gBizID Member account its holder issued (never a gBizID Entry account).',
};

/** Beside "not registered yet": this account may not register the company. */
export const UNTRUSTED_REGISTRATION_ADVICE: Bilingual = {
  ja: `このGビズIDアカウントの種類（gBizIDエントリーなど）では、法人を登録簿に登録できません。${WHY_AND_WHICH.ja}事務局に団体の登録を依頼することもできます。`,
  en: `This kind of gBizID account (gBizID Entry, for instance) cannot register a company in the registry. ${WHY_AND_WHICH.en} You may also ask the secretariat to register your organization.`,
};

/** A registration begun before the types were configured, posted after: refused, nothing saved. */
export const UNTRUSTED_REGISTRATION: { title: Bilingual; message: Bilingual } = {
  title: { ja: 'このGビズIDアカウントでは法人を登録できません', en: 'This gBizID account cannot register a company' },
  message: {
    ja: `このGビズIDアカウントの種類（gBizIDエントリーなど）では、法人を登録簿に登録できません。入力した内容は保存していません。${WHY_AND_WHICH.ja}`,
    en: `This kind of gBizID account (gBizID Entry, for instance) cannot register a company in the registry. What you entered was not saved. ${WHY_AND_WHICH.en}`,
  },
};

/** 403 for an account whose 法人番号 names a registered company it may not join by that number alone. */
export function untrustedJoin(organizationName: string): { title: Bilingual; message: Bilingual } {
  return {
    title: { ja: 'このGビズIDアカウントでは団体に参加できません', en: 'This gBizID account cannot join the organization' },
    message: {
      ja: `${organizationName}は登録されていますが、このGビズIDアカウントの種類（gBizIDエントリーなど）では、法人番号だけで団体のメンバーになれません。${WHY_AND_WHICH.ja}または、${organizationName}の管理者に招待を依頼し、届いた招待リンクのページで「GビズIDで参加」を選んでください。`,
      en: `${organizationName} is registered, but this kind of gBizID account (gBizID Entry, for instance) cannot become its member by its corporate number alone. ${WHY_AND_WHICH.en} Or ask an owner of ${organizationName} to invite you, then choose "Join with gBizID" on the invitation link's page.`,
    },
  };
}
