import { ROUTE_DOCS } from './openapi/routes/index.js';
import type { Audience, RouteDoc } from './openapi/route-doc.js';

/**
 * What a partner needs for a route it was refused, as the `scope` of RFC 6750 §3.1's
 * insufficient_scope challenge. A partner token holds the one partner scope, "lookup", and is
 * refused only where the registry's own tokens are needed: the route's documented audience
 * (`x-audience` in /openapi.json) names which. Routes for organizations (or, for their private
 * data, the optional ones) need an organization's token; the rest (the secretariat's routes, and
 * another partner's webhooks, which only the secretariat reaches) an administrator's.
 */
const SCOPE_OF: Record<Audience, 'organization' | 'admin'> = {
  organization: 'organization',
  optional: 'organization',
  admin: 'admin',
  partner: 'admin',
  public: 'admin',
};

interface Template {
  method: string;
  pattern: RegExp;
  /** Fewer placeholders first: /organizations/by-corporate-number/{n} before /organizations/{id}/{x}. */
  placeholders: number;
  audience: Audience;
}

const templates = (routes: RouteDoc[]): Template[] =>
  routes
    .map((route) => ({
      method: route.method.toUpperCase(),
      pattern: new RegExp(`^${route.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`),
      placeholders: (route.path.match(/\{/g) ?? []).length,
      audience: route.auth,
    }))
    .sort((a, b) => a.placeholders - b.placeholders);

/** Built on the first refusal (the route table is fixed), not at start-up. */
let known: Template[] | undefined;

/** `WWW-Authenticate` for a partner refused with 403 at `method path` (RFC 6750 §3.1). */
export function insufficientScopeChallenge(method: string, path: string): string {
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const route = (known ??= templates(ROUTE_DOCS)).find((t) => t.method === verb && t.pattern.test(path));
  return `Bearer realm="registry", error="insufficient_scope", scope="${SCOPE_OF[route?.audience ?? 'admin']}"`;
}
