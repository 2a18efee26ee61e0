// The secretariat's back office at /admin (API contract, "the back office"): sign-in, the home page,
// one's own account, joining the staff, and the areas below (each its own file). Server-rendered
// like the organizations' pages; the same routes run on Node and Workers. Every page checks the
// staff member's role itself (staffOf), and every post reads its form with readCheckedForm (size
// limit and CSRF token) before anything else.
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { StaffInvitationUnusable } from '../../domain/services/staff.js';
import { oidcSignInRoutes } from '../auth/oidc.js';
import { sessionCookie } from '../auth/session.js';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { inLangFor, localHref, type Lang } from '../pages/i18n.js';
import { readCheckedForm } from '../web/form.js';
import { webLang, webPage } from '../web/page.js';
import { WebErrorPage } from '../web/sign-in-pages.js';
import { webErrorPage, type WebRouteDeps } from '../web/routes.js';
import { AccountPage, HomePage } from './home-pages.js';
import { StaffJoinPage, StaffLoginPage } from './sign-in-pages.js';
import { staffOf } from './staff-member.js';
import { reviewRoutes } from './reviews.js';
import { organizationRoutes } from './organizations.js';
import { awardRoutes } from './awards.js';
import { revocationRoutes } from './revocations.js';
import { partnerRoutes } from './partners.js';
import { staffRoutes } from './staff.js';
import { auditRoutes } from './audit.js';
import { tokenRoutes } from './tokens.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';

export type AdminRouteDeps = WebRouteDeps;

/** After signing in: a back-office path only (no open redirect). */
export function adminNext(next: string | undefined | null): string {
  return next && /^\/admin(\/[\w\-/.?=&%]*)?$/.test(next) && !next.includes('//') ? next : '/admin';
}

/** Login CSRF: the token form may only be posted from this site's own pages. */
function sameOrigin(c: Context<AppEnv>, publicBaseUrl: string) {
  const origin = c.req.header('origin');
  return origin === undefined || origin === new URL(publicBaseUrl).origin || origin === new URL(c.req.url).origin;
}

export function adminRoutes(deps: AdminRouteDeps) {
  const { registry, publicBaseUrl } = deps;
  const { web } = registry;
  const cookie = sessionCookie(publicBaseUrl);
  /** The session, and where the person was going in `lang` (the provider's callback names none: the flow's). */
  const signIn = async (c: Context<AppEnv>, sessionId: string, next: string, lang = webLang(c)) => {
    cookie.write(c, sessionId, web.settings.sessionAbsoluteHours * 3600);
    return c.redirect(inLangFor(adminNext(next), lang, c.req.header('accept-language')), 303);
  };

  const app = new Hono<AppEnv>()
    .get('/admin/login', (c) => {
      const lang = webLang(c);
      const next = adminNext(c.req.query('next'));
      if (c.var.web?.account.staffRole) return c.redirect(localHref(next, lang), 302);
      return webPage(c, <StaffLoginPage lang={lang} next={next} staffOidc={web.staffOidc !== null} />);
    })
    .post('/admin/login', async (c) => {
      const lang = webLang(c);
      const form = new URLSearchParams(new TextDecoder().decode(await readBodyBytes(c, 8 * 1024)));
      const next = adminNext(form.get('next'));
      if (!sameOrigin(c, publicBaseUrl)) throw new DomainError('forbidden', '別のサイトからの送信は受け付けません。', 'A form from another site is not accepted.');
      try {
        const signedIn = await web.staff.signInWithToken(form.get('token') ?? '', c.var.requestId ?? null, c.var.web?.idHash ?? null);
        return signIn(c, signedIn.sessionId, next);
      } catch (error) {
        if (!(error instanceof DomainError) || (error.kind !== 'unauthenticated' && error.kind !== 'forbidden')) throw error;
        const message = { ja: [error.ja, ...error.fields.map((f) => f.ja)].join(' '), en: [error.en, ...error.fields.map((f) => f.en)].join(' ') };
        return webPage(c, <StaffLoginPage lang={lang} next={next} staffOidc={web.staffOidc !== null} error={message} />, error.kind === 'forbidden' ? 403 : 400);
      }
    })
    .get('/admin', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      const submitted = await registry.deps.repos.declarations.search({ statuses: ['submitted'], limit: 100 });
      const [pendingRevocations, passkeys, revokedTokenAccounts] = await Promise.all([
        web.revocations.countPending(staff.ctx),
        web.passkeys.list(staff.ctx, staff.account.id),
        staff.may('administer') ? web.staff.revokedTokenAccounts(staff.ctx) : Promise.resolve([]),
      ]);
      return webPage(c, <HomePage staff={staff} queue={{ count: submitted.items.length, more: submitted.nextCursor !== null, pendingRevocations }} hasPasskey={passkeys.length > 0} revokedTokenAccounts={revokedTokenAccounts.length} mailUnsendable={registry.mail.dispatcher.transportName === null} />);
    })
    .get('/admin/account', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      const passkeys = await web.passkeys.list(staff.ctx, staff.account.id);
      return webPage(c, <AccountPage staff={staff} passkeys={passkeys} done={noticeOf(c)} />);
    })
    .post('/admin/account/passkeys/:id/delete', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      await web.passkeys.remove(staff.ctx, staff.account.id, c.req.param('id'), c.var.web!.idHash);
      return redirectWithNotice(c, localHref('/admin/account', staff.lang, { done: 'passkey-removed' }));
    })
    .get('/admin/join/:token', async (c) => {
      const lang = webLang(c);
      const token = c.req.param('token');
      const invitation = await web.staff.lookupInvitation(token);
      return webPage(c, <StaffJoinPage lang={lang} token={token} invitation={invitation} staffOidc={web.staffOidc !== null} />);
    })
    .route('/', reviewRoutes(deps))
    .route('/', organizationRoutes(deps))
    .route('/', awardRoutes(deps))
    .route('/', revocationRoutes(deps))
    .route('/', partnerRoutes(deps))
    .route('/', staffRoutes(deps))
    .route('/', tokenRoutes(deps))
    .route('/', auditRoutes(deps));

  // The secretariat's own OpenID Connect provider (STAFF_OIDC_*): only people already on the staff,
  // or holding a staff invitation (which the sign-in links to their account), get in.
  app.route('/', oidcSignInRoutes(registry, publicBaseUrl, {
    base: '/auth/staff-oidc',
    provider: web.staffOidc,
    loginPath: '/admin/login',
    providerName: { ja: '事務局のIDプロバイダ', en: "the secretariat's identity provider" },
    extra: (c) => c.req.query('invitation') ?? null,
    next: (c) => adminNext(c.req.query('next')),
    async signIn(c, identity, flow) {
      const signedIn = await web.staff.signInWithOidc(identity, flow.extra, c.var.requestId ?? null, c.var.web?.idHash ?? null);
      if (!signedIn) return notStaff(c, flow.lang);
      return signIn(c, signedIn.sessionId, flow.next, flow.lang);
    },
  }));

  app.onError((error, c) => adminErrorResponse(c, error, deps));
  return app;
}

/** The provider vouched for the person, but they are not on the staff: 403, no session. */
function notStaff(c: Context<AppEnv>, lang: Lang) {
  return webPage(
    c,
    <WebErrorPage
      lang={lang}
      title={{ ja: '事務局の職員として登録されていません', en: 'Not on the staff of the secretariat' }}
      message={{ ja: 'このアカウントは管理画面を利用できません。管理者から届いた招待リンクから参加してください。', en: 'This account cannot use the back office. Join through the invitation link an administrator sent you.' }}
      back={{ href: localHref('/admin/login', lang), label: { ja: 'ログインページに戻る', en: 'Back to sign-in' } }}
    />,
    403,
  );
}

/** Refusals as pages in the site's layout, with the way back to the back office. */
export function adminErrorResponse(c: Context<AppEnv>, error: unknown, deps: Pick<WebRouteDeps, 'logError'>) {
  const lang = webLang(c);
  if (error instanceof StaffInvitationUnusable) {
    const title = error.state === 'cancelled' ? { ja: '招待は取り消されました', en: 'This invitation was cancelled' } : { ja: '招待リンクを使えません', en: 'This invitation cannot be used' };
    return webPage(c, <WebErrorPage lang={lang} title={title} message={{ ja: error.ja, en: error.en }} />, error.state === 'unknown' ? 404 : 410);
  }
  return webErrorPage(c, error, deps.logError, { href: localHref('/admin', lang), label: { ja: '管理画面のホームに戻る', en: 'Back to the back office' } });
}
