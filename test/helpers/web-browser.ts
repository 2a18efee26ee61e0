import { fetchRetryingStaleSocket, type TestServer } from './server.js';

/** A browser's view of the registry: its cookies, and the Origin its script sends. */
export function browser(server: TestServer, origin: string) {
  const jar = new Map<string, string>();
  async function request(method: string, path: string, options: { json?: unknown; form?: Record<string, string> | URLSearchParams; multipart?: FormData; headers?: Record<string, string>; origin?: string | null } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const o = options.origin === undefined ? origin : options.origin;
    if (o) headers.origin = o;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
      headers.accept ??= 'application/json';
    }
    if (options.multipart) body = options.multipart;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetchRetryingStaleSocket(server.url + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1);
      if (/max-age=0\b/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* HTML */
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }
  return { request, jar };
}
export type Browser = ReturnType<typeof browser>;

/** The CSRF token of a signed-in page (every form, and the header's sign-out form, carries it). */
export function csrfIn(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on this page');
  return match[1]!;
}

/** A page's text as read: scripts and tags removed, the entities the pages write decoded, blanks collapsed. */
export const pageText = (html: string): string =>
  html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
