/**
 * A setup file (vitest.config.ts): every test's fetch asks once more when wrangler dev's local
 * proxy (never in production) could not pass a request on to the Worker.
 *
 * When its own connection to the Worker fails (on a loaded machine, a few times a run), the proxy
 * answers a POST, PUT, PATCH or DELETE with 503 and this text, whether or not the Worker restarted:
 * it tells a restart apart by comparing the request's URL, path included, with the Worker's bare
 * origin, which never match (wrangler 4.86, templates/startDevWorker/ProxyWorker.ts). Two /my
 * form posts sent at once got it in two clean-clone runs. A client sends such a request again;
 * this cannot turn a wrong answer into a pass: the Worker logged no request for the refused ones,
 * and one that did arrive fails on its own the second time (409) or shows in the test's counts.
 */
const WRANGLER_PROXY_FAILED = 'Your worker restarted mid-request.';
const TRIES = 4;
const INSTALLED = Symbol.for('registry.test.wranglerProxyRetry');

const globals = globalThis as typeof globalThis & { [INSTALLED]?: true };
if (!globals[INSTALLED]) {
  globals[INSTALLED] = true;
  const send = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      const response = await send(input, init);
      // A Request's or a stream's body cannot be sent twice; the tests send strings, forms and bytes.
      const resendable = !(input instanceof Request) && !(init?.body instanceof ReadableStream);
      if (response.status !== 503 || attempt === TRIES || !resendable) return response;
      const text = await response.clone().text();
      if (!text.startsWith(WRANGLER_PROXY_FAILED)) return response;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  };
}
