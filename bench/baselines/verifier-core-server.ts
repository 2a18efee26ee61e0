/**
 * Peer baseline: the Digital Credentials Consortium's verifier (@digitalcredentials/verifier-core)
 * behind a bare Hono route, POST /credentials/verify {verifiableCredential} → its result, 200 when
 * the signature, expiry and status steps pass. It is fed the registry's credentials, offline: the
 * contexts are the static ones it ships (VC 2.0, OB 3.0, Data Integrity, Bitstring Status List);
 * the issuer's did:web document and the status lists are read from the local registry
 * (REGISTRY_URL), because did:web always means https and this machine has no certificate for it;
 * the OB 3.0 JSON Schema its schema check fetches is the 1EdTech file in schemas/ob3/.
 * Nothing reaches the internet: any other URL is refused.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { readFileSync } from 'node:fs';

const registry = new URL(process.env.REGISTRY_URL!); // e.g. http://127.0.0.1:1234
const realFetch = globalThis.fetch;
const OB3_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const ob3Schema = readFileSync(new URL('../../schemas/ob3/achievementcredential.schema.json', import.meta.url), 'utf8');
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if ((url.hostname === 'localhost' || url.hostname === '127.0.0.1') && url.port === registry.port) {
    return realFetch(new URL(url.pathname + url.search, registry), init);
  }
  if (url.href === OB3_SCHEMA_URL) return new Response(ob3Schema, { headers: { 'content-type': 'application/json' } });
  throw new Error(`offline: refusing to fetch ${url.href}`);
}) as typeof fetch;
// ajv (its schema check) prints strict-mode notes on each compile: they would flood the bench output.
console.warn = () => {};
// Imported after the fetch above is in place: its HTTP client may take fetch when it loads.
const { verifyCredential } = await import('@digitalcredentials/verifier-core');

type Log = { id: string; valid?: boolean }[];
const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .post('/credentials/verify', async (c) => {
    const { verifiableCredential } = await c.req.json<{ verifiableCredential: object }>();
    const result = (await verifyCredential({ credential: verifiableCredential, knownDIDRegistries: [] } as never)) as { log?: Log; errors?: unknown[] };
    // Signature, expiry and revocation must pass; the issuer is in no registry we gave it.
    const steps = new Map((result.log ?? []).map((entry) => [entry.id, entry.valid]));
    const verified = !result.errors && steps.get('valid_signature') === true && steps.get('expiration') === true && steps.get('revocation_status') !== false;
    if (!verified && process.env.DEBUG_VERIFIER_CORE) console.error(JSON.stringify(result).slice(0, 2000));
    return c.json({ verified, log: result.log ?? null, errors: result.errors ?? null }, verified ? 200 : 400);
  });
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
