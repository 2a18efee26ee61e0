/**
 * Two floors under the registry's verification, each behind a bare Hono route like the bare
 * Hono+jose baseline's (no middleware, the body read by Hono, a short JSON answer), over the
 * registry's own database file (DATABASE_PATH, read while the registry runs) and keys (KEYS_DIR):
 *
 * - POST /checks-alone/verify: only what verifying a vc+jwt of the registry's must do, by the
 *   registry's own functions: the compact JWS and its payload as JSON, the Ed25519 signature, the
 *   credential's record (the registry's one SQL statement, straight through better-sqlite3),
 *   validity dates, both status bits, the OB 3.0 schema. No error model, no problem details.
 * - POST /service/verify: the registry's verification service itself (`credentials.verify`,
 *   composed as `npm start` composes it), without the HTTP app around it.
 *
 * Against the bare route, the first says how far a registry's verification could go at best; the
 * second how much of the registry's cost is its HTTP layer (middleware, body validation, answer).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { parseConfig } from '../../src/config.js';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { loadIssuerKeys } from '../../src/adapters/node/key-files.js';
import { useNodeTextDecoders } from '../../src/adapters/node/text-decoders.js';
import { useNodeDigests } from '../../src/adapters/node/digests.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { VERIFICATION_RECORD_SQL, verificationParameters, type VerificationRow } from '../../src/adapters/kysely/credentials.js';
import { decodeVcJwt, isCompactJws, verifyVcJwt } from '../../src/adapters/crypto/jwt.js';
import { importVerifyKey } from '../../src/adapters/crypto/keys.js';
import { checkStatus, checkValidFrom, checkValidUntil } from '../../src/adapters/crypto/credential-checks.js';
import { checkOb3Schema } from '../../src/adapters/crypto/ob3-schema.js';

useNodeTextDecoders();
useNodeDigests();
const config = parseConfig(process.env);
const baseUrl = config.publicBaseUrl;
const { keys } = await loadIssuerKeys({ dir: config.keysDir, json: config.issuerKeysJson });
const store = await openSqlite({ path: config.databasePath });
const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config, keys });
const verifyKey = await importVerifyKey(keys.find((key) => key.retiredAt === null)!.publicKeyMultibase);
const record = store.raw.prepare<unknown[], VerificationRow>(VERIFICATION_RECORD_SQL);
const credentialPrefix = `${baseUrl}/credentials/`;
const listPrefix = `${baseUrl}/status-lists/`;

async function checksAlone(jwt: unknown): Promise<boolean> {
  if (typeof jwt !== 'string' || !isCompactJws(jwt)) return false;
  const credential = decodeVcJwt(jwt)?.payload;
  if (!credential || typeof credential.id !== 'string' || !credential.id.startsWith(credentialPrefix)) return false;
  const rows = record.all(...verificationParameters(credential.id.slice(credentialPrefix.length), jwt));
  const signature = await verifyVcJwt(jwt, verifyKey);
  const now = new Date();
  const status = await checkStatus(credential, {
    baseUrl,
    // The checks alone take the credential for one of ours only by its id (above), as the registry does by its issuer.
    ownIssuer: true,
    statusLookup: async ({ statusListCredential, statusListIndex }) => {
      const row = rows.find((r) => listPrefix + r.list_id === statusListCredential && r.idx === statusListIndex);
      return row ? row.is_set === 1 : null;
    },
  });
  const problems = [...signature.errors, ...checkValidFrom(credential, now, baseUrl), ...checkValidUntil(credential, now, baseUrl), ...status.problems];
  return problems.length === 0 && rows.length > 0 && checkOb3Schema(credential).valid;
}

const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .post('/checks-alone/verify', async (c) => {
    const { verifiableCredential } = await c.req.json<{ verifiableCredential: unknown }>();
    const verified = await checksAlone(verifiableCredential);
    return c.json({ verified }, verified ? 200 : 400);
  })
  .post('/service/verify', async (c) => {
    const { verifiableCredential } = await c.req.json<{ verifiableCredential: unknown }>();
    const outcome = await registry.credentials.verify(verifiableCredential);
    return c.json({ verified: outcome.verified, checks: outcome.results.map((r) => r.check), status: outcome.status, registryStatus: outcome.registryStatus }, outcome.verified ? 200 : 400);
  });
serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' });
