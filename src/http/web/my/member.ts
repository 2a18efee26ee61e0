import type { Context } from 'hono';
import type { Account, Membership } from '../../../domain/accounts/model.js';
import type { Organization } from '../../../domain/model.js';
import type { RequestContext } from '../../../domain/services/index.js';
import type { AppEnv } from '../../env.js';
import type { Lang } from '../../pages/i18n.js';
import { otherLangHrefOf, signedInOf, webLang } from '../page.js';
import { toSignIn } from '../routes.js';

/** Everything an organization's page needs to know about who is looking. */
export interface Member {
  lang: Lang;
  account: Account;
  organization: Organization;
  membership: Membership;
  /** The use cases' context: the organization, acting through this member's account. */
  ctx: RequestContext;
  csrf: string;
  signedIn: NonNullable<ReturnType<typeof signedInOf>>;
  isOwner: boolean;
  /** This page in the other language (for the layout's language switch). */
  otherLangHref: string;
}

/** The signed-in member, or the redirect to the sign-in page (coming back here afterwards). */
export function memberOf(c: Context<AppEnv>): Member | Response {
  const web = c.var.web;
  if (!web?.organization || !web.membership) return toSignIn(c);
  const lang = webLang(c);
  return {
    lang,
    account: web.account,
    organization: web.organization,
    membership: web.membership,
    ctx: c.var.ctx,
    csrf: web.session.csrfToken,
    signedIn: signedInOf(c)!,
    isOwner: web.membership.role === 'owner',
    // Read when the page renders: a post's form (and the page it was on) is read after this.
    get otherLangHref() {
      return otherLangHrefOf(c, lang, '/my');
    },
  };
}
