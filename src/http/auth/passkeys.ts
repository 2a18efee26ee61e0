// Passkeys on the web: the invitation page, the JSON endpoints /assets/passkeys.js calls (join,
// sign in, add a passkey while signed in), and the form post that removes a passkey.
import { Hono, type Context } from 'hono';
import { DomainError, invalid } from '../../domain/errors.js';
import { InvitationUnusable, type SignedIn } from '../../domain/services/passkeys.js';
import { StaffInvitationUnusable } from '../../domain/services/staff.js';
import type { Registry } from '../../registry.js';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { localHref } from '../pages/i18n.js';
import { problemOf } from '../problem.js';
import { readCheckedForm } from '../web/form.js';
import { redirectWithNotice } from '../web/notice.js';
import { ALREADY, doneAlready, doneAlreadyPage, isNotFound } from '../web/repeated-post.js';
import { invitationUnusablePage, joinPage, passkeyErrorPage, passkeyWayBack } from '../web/join-page.js';
import { safeNext, webLang, webPage } from '../web/page.js';
import { flowCookie, sessionCookie } from './session.js';
import { adminNext } from '../admin/routes.js';

export interface PasskeyRouteDeps {
  registry: Registry;
  publicBaseUrl: string;
  logError?: (error: unknown, requestId: string) => void;
}

/** A WebAuthn response is a few kilobytes; nothing these endpoints accept is larger. */
const MAX_JSON_BYTES = 64 * 1024;
/** The flow cookie outlives the ceremony's own timeout a little. */
const FLOW_COOKIE_SECONDS = 5 * 60;

const crossSite = () =>
  new DomainError('forbidden', '別のサイトからの要求は受け付けません。', 'Requests from another site are not accepted.');

const needsJavaScript = () =>
  new DomainError('validation', 'パスキーの利用には JavaScript が必要です。JavaScript を有効にしてページを開き直してください。', 'Passkeys need JavaScript: turn it on and open the page again.');

/**
 * The JSON endpoints are called by our own script only. A cross-site page cannot send them a
 * JSON body without a preflight (which CORS refuses), and we also require the public origin in
 * the Origin header: the CSRF check for JSON. The body is size-limited while read.
 */
async function readJsonObject(c: Context<AppEnv>, publicOrigin: string): Promise<Record<string, unknown>> {
  if (c.req.header('origin') !== publicOrigin) throw crossSite();
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw needsJavaScript();
  const bytes = await readBodyBytes(c, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = bytes.byteLength === 0 ? {} : JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid([{ field: '/', ja: 'JSON として解析できません。', en: 'The body is not valid JSON.' }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid([{ field: '/', ja: 'JSON オブジェクトを送ってください。', en: 'Send a JSON object.' }]);
  return value as Record<string, unknown>;
}

/**
 * Errors of the JSON endpoints: problem+json (bilingual `messages`), with 410 for an expired or
 * used invitation. A plain form post (JavaScript off, Accept: text/html) gets a page instead.
 */
function passkeyProblem(c: Context<AppEnv>, error: unknown, deps: PasskeyRouteDeps) {
  const requestId = c.var.requestId ?? '';
  const domainError = error instanceof DomainError ? error : (deps.logError?.(error, requestId), new DomainError('internal', '内部エラーが発生しました。時間をおいて再度お試しください。', 'An internal error occurred; please retry later.'));
  const problem = problemOf(domainError, { baseUrl: deps.publicBaseUrl, instance: c.req.path.replace(/^(\/admin)?\/join\/[^/]+/, '$1/join/{token}'), requestId });
  const status = (error instanceof InvitationUnusable || error instanceof StaffInvitationUnusable) && error.state !== 'unknown' ? 410 : problem.status;
  const lang = webLang(c);
  if (!/application\/json/.test(c.req.header('accept') ?? '') && /text\/html/.test(c.req.header('accept') ?? '')) {
    const pageStatus = ([403, 404, 409, 410, 500] as const).find((s) => s === status) ?? 400;
    // A sign-in keeps where the person was going (the sign-in form puts it in its action), sanitised as the sign-in does.
    const next = c.req.path === '/auth/passkey/login' && c.req.query('next') ? safeNext(c.req.query('next'), lang) : undefined;
    return webPage(c, passkeyErrorPage(lang, { ja: domainError.ja, en: domainError.en }, passkeyWayBack(c.req.path, lang, next)), pageStatus);
  }
  return c.json({ ...problem.body, status }, status as 400, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
}

export function passkeyRoutes(deps: PasskeyRouteDeps) {
  const { registry, publicBaseUrl } = deps;
  const { passkeys, invitations } = registry.web;
  const publicOrigin = new URL(publicBaseUrl).origin;
  const session = sessionCookie(publicBaseUrl);
  const flows = {
    register: flowCookie(publicBaseUrl, 'passkey-register'),
    login: flowCookie(publicBaseUrl, 'passkey-login'),
    add: flowCookie(publicBaseUrl, 'passkey-add'),
    staffJoin: flowCookie(publicBaseUrl, 'staff-passkey-join'),
  };

  /** Sets the new session's cookie; the old session (if any) already ended in the sign-in's batch. */
  const signIn = (c: Context<AppEnv>, signedIn: SignedIn, redirect: string) => {
    session.write(c, signedIn.sessionId, Math.floor(registry.web.sessions.settings.absoluteMs / 1000));
    c.header('Cache-Control', 'no-store');
    return c.json({ redirect });
  };

  const json = new Hono<AppEnv>()
    .post('/join/:token/options', async (c) => {
      const body = await readJsonObject(c, publicOrigin);
      const started = await passkeys.startJoin(c.req.param('token'), { name: body.name, email: body.email });
      flows.register.write(c, started.flowId, FLOW_COOKIE_SECONDS);
      c.header('Cache-Control', 'no-store');
      return c.json(started.options);
    })
    .post('/join/:token/verify', async (c) => {
      const body = await readJsonObject(c, publicOrigin);
      const flowId = flows.register.read(c);
      flows.register.clear(c);
      const signedIn = await passkeys.finishJoin({
        token: c.req.param('token'), flowId, response: body.credential, name: body.name, email: body.email, label: body.label, lang: webLang(c),
        requestId: c.var.requestId, replacing: c.var.web?.idHash ?? null,
      });
      return signIn(c, signedIn, localHref('/my', webLang(c)));
    })
    .post('/auth/passkey/options', async (c) => {
      await readJsonObject(c, publicOrigin);
      const started = await passkeys.startSignIn();
      flows.login.write(c, started.flowId, FLOW_COOKIE_SECONDS);
      c.header('Cache-Control', 'no-store');
      return c.json(started.options);
    })
    .post('/auth/passkey/login', async (c) => {
      const body = await readJsonObject(c, publicOrigin);
      const flowId = flows.login.read(c);
      flows.login.clear(c);
      const signedIn = await passkeys.finishSignIn({ flowId, response: body.credential, requestId: c.var.requestId, replacing: c.var.web?.idHash ?? null });
      const next = typeof body.next === 'string' ? body.next : undefined;
      // Staff land in the back office; organizations' people where they were going.
      return signIn(c, signedIn, signedIn.account.staffRole ? localHref(adminNext(next), webLang(c)) : safeNext(next, webLang(c)));
    })
    .post('/admin/join/:token/options', async (c) => {
      await readJsonObject(c, publicOrigin);
      const started = await registry.web.staff.startJoin(c.req.param('token'));
      flows.staffJoin.write(c, started.flowId, FLOW_COOKIE_SECONDS);
      c.header('Cache-Control', 'no-store');
      return c.json(started.options);
    })
    .post('/admin/join/:token/verify', async (c) => {
      const body = await readJsonObject(c, publicOrigin);
      const flowId = flows.staffJoin.read(c);
      flows.staffJoin.clear(c);
      const signedIn = await registry.web.staff.finishJoin({
        token: c.req.param('token'), flowId, response: body.credential, label: body.label, lang: webLang(c), requestId: c.var.requestId, replacing: c.var.web?.idHash ?? null,
      });
      session.write(c, signedIn.sessionId, Math.floor(registry.web.sessions.settings.absoluteMs / 1000));
      c.header('Cache-Control', 'no-store');
      return c.json({ redirect: localHref('/admin/account', webLang(c)) });
    })
    .post('/admin/passkeys/options', async (c) => {
      await readJsonObject(c, publicOrigin);
      if (!c.var.web?.account.staffRole) throw signedOut();
      const started = await passkeys.startAdd(c.var.ctx);
      flows.add.write(c, started.flowId, FLOW_COOKIE_SECONDS);
      c.header('Cache-Control', 'no-store');
      return c.json(started.options);
    })
    .post('/admin/passkeys/verify', async (c) => {
      const body = await readJsonObject(c, publicOrigin);
      if (!c.var.web?.account.staffRole) throw signedOut();
      const flowId = flows.add.read(c);
      flows.add.clear(c);
      const passkey = await passkeys.finishAdd(c.var.ctx, { flowId, response: body.credential, label: body.label, lang: webLang(c) });
      c.header('Cache-Control', 'no-store');
      return c.json({ passkey: { id: passkey.id, label: passkey.label, createdAt: passkey.createdAt }, redirect: localHref('/admin/account', webLang(c)) }, 201);
    })
    .post('/my/passkeys/options', async (c) => {
      await readJsonObject(c, publicOrigin);
      if (!c.var.web?.organization) throw signedOut();
      const started = await passkeys.startAdd(c.var.ctx);
      flows.add.write(c, started.flowId, FLOW_COOKIE_SECONDS);
      c.header('Cache-Control', 'no-store');
      return c.json(started.options);
    })
    .post('/my/passkeys/verify', async (c) => {
      const body = await readJsonObject(c, publicOrigin);
      if (!c.var.web?.organization) throw signedOut();
      const flowId = flows.add.read(c);
      flows.add.clear(c);
      const passkey = await passkeys.finishAdd(c.var.ctx, { flowId, response: body.credential, label: body.label, lang: webLang(c) });
      c.header('Cache-Control', 'no-store');
      return c.json({ passkey: { id: passkey.id, label: passkey.label, createdAt: passkey.createdAt }, redirect: localHref('/my/members', webLang(c)) }, 201);
    });
  json.onError((error, c) => passkeyProblem(c, error, deps));

  // Pages and form posts: errors become pages (the web routes' onError).
  const pages = new Hono<AppEnv>()
    .get('/join/:token', async (c) => {
      const lang = webLang(c);
      const found = await invitations.lookup(c.req.param('token'));
      if (found.kind !== 'valid') {
        const refusal = new InvitationUnusable(found.kind);
        const organizationName = found.kind === 'unknown' ? null : (found.organization?.name ?? null);
        return webPage(c, invitationUnusablePage({ lang, state: found.kind, organizationName, message: { ja: refusal.ja, en: refusal.en } }), found.kind === 'unknown' ? 404 : 410);
      }
      const { invitation, organization } = found;
      return webPage(c, joinPage({ lang, token: c.req.param('token'), organization, role: invitation.role, expiresAt: invitation.expiresAt, email: invitation.email, gbizid: registry.web.oidc !== null && organization.corporateNumber !== null }));
    })
    .post('/my/passkeys/:id/delete', async (c) => {
      const lang = webLang(c);
      if (!c.var.web?.organization) return c.redirect(localHref('/login', lang, { next: '/my/members' }), 303);
      const form = await readCheckedForm(c, publicBaseUrl);
      // Whose passkey: one's own unless the form names a member (owners manage their members' passkeys).
      const accountId = form.get('account') || c.var.web.account.id;
      const passkeyId = c.req.param('id');
      try {
        await passkeys.remove(c.var.ctx, accountId, passkeyId, c.var.web.idHash);
      } catch (error) {
        if (isNotFound(error) && (await doneAlready(registry, { type: 'account', id: accountId }, 'passkey.remove', 'passkeyId', passkeyId))) return doneAlreadyPage(c, lang, ALREADY.passkeyRemoved);
        throw error;
      }
      return redirectWithNotice(c, localHref('/my/members', lang, { removed: 'passkey' }));
    });

  return new Hono<AppEnv>().route('/', json).route('/', pages);
}

const signedOut = () =>
  new DomainError('unauthenticated', 'ログインの有効期限が切れました。もう一度ログインしてください。', 'Your session has ended; please sign in again.');
