import type { Hono } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The methods an app answers at a path, read from its own routes (not its middleware): what a 405
 * answer lists in Allow (RFC 9110 §15.5.6) when a path exists but not for the method asked.
 * Built once, on the first miss. Route paths are Hono's: `:name` is one segment, `:name{re}` one
 * segment matching `re`, `*` anything.
 */
export function allowedMethods(app: Hono<AppEnv>): (path: string) => string[] {
  let table: { method: string; pattern: RegExp }[] | null = null;
  return (path) => {
    table ??= app.routes.filter((route) => route.method !== 'ALL').map((route) => ({ method: route.method, pattern: patternOf(route.path) }));
    const methods = new Set(table.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}

function patternOf(path: string): RegExp {
  const segments = path.split('/').map((segment) => {
    if (segment === '*') return '.*';
    const param = /^:\w+(?:\{(.+)\})?$/.exec(segment);
    if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return param[1] ? `(?:${param[1]})` : '[^/]+';
  });
  return new RegExp(`^${segments.join('/')}/?$`);
}
