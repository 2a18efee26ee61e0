import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compactVerify, createLocalJWKSet } from 'jose';

/**
 * Baseline: a bare Hono route that only verifies a JWT with jose against a JWKS it was given
 * (JWKS_URL fetched once at start). No registry logic, no status, no schema.
 */
const jwks = createLocalJWKSet(await (await fetch(process.env.JWKS_URL!)).json());
const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .post('/credentials/verify', async (c) => {
    const { verifiableCredential } = await c.req.json<{ verifiableCredential: string }>();
    try {
      await compactVerify(verifiableCredential, jwks);
      return c.json({ verified: true });
    } catch {
      return c.json({ verified: false }, 400);
    }
  });
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
