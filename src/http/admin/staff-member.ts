import type { Context } from 'hono';
import type { Account } from '../../domain/accounts/model.js';
import type { StaffRole } from '../../domain/accounts/staff.js';
import { forbidden } from '../../domain/errors.js';
import type { RequestContext } from '../../domain/services/index.js';
import type { AppEnv } from '../env.js';
import { localHref, type Lang } from '../pages/i18n.js';
import { otherLangHrefOf, signedInOf, webLang } from '../web/page.js';

/**
 * What a back-office page needs: reading (every staff role), reviewing (reviewers and
 * administrators), administering (administrators only).
 */
export type StaffNeed = 'read' | 'review' | 'administer';

const ALLOWED: Record<StaffNeed, readonly StaffRole[]> = {
  read: ['administrator', 'reviewer', 'viewer'],
  review: ['administrator', 'reviewer'],
  administer: ['administrator'],
};

/** Everything a back-office page knows about who is looking. */
export interface StaffMember {
  lang: Lang;
  account: Account;
  role: StaffRole;
  /** The use cases' context: the secretariat, acting through this staff member's account. */
  ctx: RequestContext;
  csrf: string;
  signedIn: NonNullable<ReturnType<typeof signedInOf>>;
  /** This page in the other language (for the layout's language switch). */
  otherLangHref: string;
  may: (need: StaffNeed) => boolean;
}

/** 302 to the back office's sign-in page, coming back here afterwards. */
export function toStaffSignIn(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  return c.redirect(localHref('/admin/login', webLang(c), { next: url.pathname + url.search }), 302);
}

/**
 * The signed-in staff member, or the redirect to /admin/login (no staff session: a bearer token
 * or an organization's session does not open the back office). A staff member whose role does
 * not allow `need` gets 403 (a page, through the back office's error handler).
 */
export function staffOf(c: Context<AppEnv>, need: StaffNeed): StaffMember | Response {
  const web = c.var.web;
  const role = web?.account.staffRole;
  if (!web || !role) return toStaffSignIn(c);
  if (!ALLOWED[need].includes(role)) throw forbidden();
  const lang = webLang(c);
  return {
    lang,
    account: web.account,
    role,
    ctx: c.var.ctx,
    csrf: web.session.csrfToken,
    signedIn: signedInOf(c)!,
    // Read when the page renders: a post's form (and the page it was on) is read after this.
    get otherLangHref() {
      return otherLangHrefOf(c, lang, '/admin');
    },
    may: (n) => ALLOWED[n].includes(role),
  };
}
