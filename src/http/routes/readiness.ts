import { Hono } from 'hono';
import { notReadyProblem } from '../problem.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';

type Check = 'ok' | 'failed';

/**
 * GET /readyz: ready to serve when a trivial database query succeeds and there is a key to sign
 * with. /healthz only says the process answers; this is what a load balancer should route by.
 * Failures say which check failed, never why (no error text, paths or key ids).
 */
export function readinessRoutes({ registry, publicBaseUrl, pingDatabase, timeoutMs = 2_000 }: { registry: Registry; publicBaseUrl: string; pingDatabase?: () => Promise<void>; timeoutMs?: number }) {
  const database = async (): Promise<Check> => {
    if (!pingDatabase) return 'failed';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)));
    try {
      await Promise.race([pingDatabase(), timeout]);
      return 'ok';
    } catch {
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  };
  const keys = (): Check => {
    try {
      registry.identity.activeKey();
      return 'ok';
    } catch {
      return 'failed';
    }
  };

  return new Hono<AppEnv>().get('/readyz', async (c) => {
    const checks = { database: await database(), keys: keys() };
    const headers = { 'Cache-Control': 'no-store' };
    if (checks.database === 'ok' && checks.keys === 'ok') return c.json({ status: 'ready', checks }, 200, headers);
    const failed = Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k]) => k);
    const en = `Not ready: ${failed.join(', ')} check failed.`;
    const ja = `準備ができていません（${failed.map((k) => (k === 'database' ? 'データベース' : '署名鍵')).join('、')}の確認に失敗）。`;
    return c.json(
      { ...notReadyProblem({ baseUrl: publicBaseUrl, ja, en, instance: c.req.path, extra: { checks } }), requestId: c.var.requestId },
      503,
      { ...headers, 'Content-Type': 'application/problem+json', 'Retry-After': '5' },
    );
  });
}
