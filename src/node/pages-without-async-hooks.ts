import { jsx } from 'hono/jsx';

/**
 * hono/jsx (from 4.12.28) renders every page inside AsyncLocalStorage.run when it can load
 * node:async_hooks, so that context survives an await in an async component. On Node 20 and 22
 * that first run turns on promise hooks for the whole process, for good: every await of every
 * request then costs ~5× more (+0.3 µs each, measured; a GET /v/{id} makes ~260 promises, an
 * issuance ~350, a publication ~1,400).
 *
 * Our components are synchronous, and for those hono's other path (one context store per render,
 * the path of runtimes without AsyncLocalStorage) renders the same pages. hono looks for
 * AsyncLocalStorage once, at its first render: that render happens here, with node:async_hooks
 * hidden for its synchronous duration. Call before the app renders anything.
 */
export function renderPagesWithoutAsyncHooks(): void {
  const getBuiltinModule = process.getBuiltinModule;
  process.getBuiltinModule = ((id: string) => (id === 'node:async_hooks' ? undefined : getBuiltinModule(id))) as typeof getBuiltinModule;
  try {
    String(jsx('i', {}));
  } finally {
    process.getBuiltinModule = getBuiltinModule;
  }
}
