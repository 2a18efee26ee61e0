import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Account, Membership } from '../../domain/accounts/model.js';
import { accountContext, staffContext } from '../../domain/services/accounts.js';
import type { ResolvedSession } from '../../domain/services/sessions.js';
import { constantTimeEqual } from '../../domain/services/tokens.js';
import { DomainError } from '../../domain/errors.js';
import type { Organization } from '../../domain/model.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';

/** A signed-in person on a page: their session, account, and the organization they act for. */
export interface WebSession extends ResolvedSession {
  account: Account;
  organization: Organization | null;
  membership: Membership | null;
}

/**
 * The session cookie. `__Host-` (Secure, Path=/, no Domain: only this exact origin over TLS) when
 * the public address is https; browsers refuse that prefix without Secure, so a plain-http
 * development address uses an unprefixed name. HttpOnly and SameSite=Lax either way.
 */
export function sessionCookie(publicBaseUrl: string) {
  const secure = publicBaseUrl.startsWith('https://');
  const name = secure ? '__Host-session' : 'registry_session';
  const options = { path: '/', httpOnly: true, secure, sameSite: 'Lax' as const };
  return {
    name,
    read: (c: Context) => getCookie(c, name),
    write: (c: Context, id: string, maxAgeSeconds: number) => setCookie(c, name, id, { ...options, maxAge: maxAgeSeconds }),
    clear: (c: Context) => deleteCookie(c, name, options),
  };
}

/** The same attributes for a short-lived cookie that ties a sign-in flow (OIDC, WebAuthn) to this browser. */
export function flowCookie(publicBaseUrl: string, kind: string) {
  const secure = publicBaseUrl.startsWith('https://');
  const name = `${secure ? '__Host-' : 'registry_'}flow-${kind}`;
  const options = { path: '/', httpOnly: true, secure, sameSite: 'Lax' as const };
  return {
    read: (c: Context) => getCookie(c, name),
    write: (c: Context, id: string, maxAgeSeconds: number) => setCookie(c, name, id, { ...options, maxAge: maxAgeSeconds }),
    clear: (c: Context) => deleteCookie(c, name, options),
  };
}

/**
 * Resolves the session cookie on the web pages: sets `web` (or null) and, for a member, the
 * actor the use cases see (an organization acting through `account:<id>`). The API keeps bearer
 * tokens only: cookies never authenticate a JSON call, so no cross-site form can drive the API.
 */
export function webSession(registry: Registry, publicBaseUrl: string): MiddlewareHandler<AppEnv> {
  const { web } = registry;
  const cookie = sessionCookie(publicBaseUrl);
  return async (c, next) => {
    const resolved = await web.sessions.resolve(cookie.read(c));
    if (!resolved) {
      c.set('web', null);
      return next();
    }
    const account = await web.accountRepo.get(resolved.session.accountId);
    if (!account) {
      c.set('web', null);
      return next();
    }
    const orgId = resolved.session.organizationId;
    const membership = orgId ? await web.accountRepo.membership(orgId, account.id) : null;
    const organization = membership ? await registry.deps.repos.organizations.get(membership.organizationId) : null;
    c.set('web', { ...resolved, account, organization, membership });
    if (account.staffRole) {
      const ctx = staffContext(account, c.var.requestId);
      c.set('actor', ctx.actor);
      c.set('ctx', ctx);
    } else if (organization && membership) {
      const ctx = accountContext(account.id, organization.id, c.var.requestId, membership.role);
      c.set('actor', ctx.actor);
      c.set('ctx', ctx);
    }
    await next();
  };
}

/**
 * Form posts carry the session's CSRF token in the field `csrf` (synchronizer token), checked in
 * constant time; a post from another origin is refused even before that (Origin header). On
 * failure: 403, and the handler never runs, so nothing changes. A form of a flow without a session
 * (a GビズID self-registration) passes the token its flow keeps as `expected`.
 */
export function checkCsrf(c: Context<AppEnv>, publicBaseUrl: string, submitted: unknown, expected: string | undefined = c.var.web?.session.csrfToken) {
  const origin = c.req.header('origin');
  const sameOrigin = origin === undefined || origin === new URL(publicBaseUrl).origin || origin === new URL(c.req.url).origin;
  if (!expected || typeof submitted !== 'string' || !sameOrigin || !constantTimeEqual(submitted, expected)) {
    throw new DomainError(
      'forbidden',
      'フォームの有効期限が切れたか、別のサイトから送信されました。ページを開き直してからもう一度お試しください。',
      'The form expired or was sent from another site. Open the page again and retry.',
      [{ field: 'csrf', ja: 'フォームの確認用トークンが正しくありません。', en: 'The form token is missing or wrong.' }],
    );
  }
}
