/**
 * Micro-benchmark of the credential crypto library, one process, one run (compare ratios only:
 * the machines are shared). Run: npx tsx bench/crypto-micro.ts [secondsPerCase=2]
 *
 * "ours" signs and verifies through shape templates (src/adapters/crypto/shape-canonize.ts):
 * byte-identical canonical N-Quads without running jsonld for the registry's own shapes; the
 * "jsonld path" line is the same code with templates off. "new bytes" verifies a different signed
 * credential every time (no canonical-form memo hit), against plain vc.verifyCredential on the
 * same credentials.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { compactVerify } from 'jose';
import { generateIssuerKey, importVerifyKey } from '../src/adapters/crypto/keys.js';
import { createIssuerIdentity } from '../src/adapters/crypto/issuer.js';
import { STATIC_CONTEXTS } from '../src/adapters/crypto/document-loader.js';
import { registryContext } from '../src/adapters/crypto/contexts/registry-context.js';
import { createCredentialSecurer } from '../src/adapters/crypto/securer.js';
import { createDataIntegrity } from '../src/adapters/crypto/data-integrity.js';
import { buildDeclarationCredential } from '../src/domain/credentials/open-badge.js';

const seconds = Number(process.argv[2] ?? 2);
const baseUrl = 'http://localhost:8787';
const key = await generateIssuerKey();
const identity = createIssuerIdentity({ baseUrl, keys: [key] });
const vmId = identity.verificationMethodId(key);
const securer = createCredentialSecurer({ identity });
const coldSecurer = createCredentialSecurer({ identity, canonicalCacheSize: 0 });
const diOnly = createDataIntegrity({ documentLoader: securer.documentLoader, canonicalCacheSize: 0 });
// The jsonld path only (no shape templates), to show what the templates contribute.
const diJsonld = createDataIntegrity({ documentLoader: securer.documentLoader, canonicalCacheSize: 0, shapeCacheSize: 0 });

const unsigned = (i: number) =>
  buildDeclarationCredential({
    baseUrl,
    credentialId: crypto.randomUUID(),
    issuer: { id: identity.did, nameJa: '地方創生テレワーク推進登録簿', nameEn: 'Regional Telework Registry', url: baseUrl },
    organization: { id: `org-${i}`, name: `株式会社テスト${i}`, kind: 'company', corporateNumber: '7123456789012', prefectureCode: '13' },
    declaration: { declarationId: `d-${i}`, version: 1, committedOn: '2025-04-01', guidelineAreas: ['labor', 'security'] },
    validFrom: '2025-04-01T00:00:00Z',
    validUntil: '2030-03-31T14:59:59Z',
    status: {
      revocation: { listUrl: `${baseUrl}/status-lists/r`, index: i % 131072 },
      suspension: { listUrl: `${baseUrl}/status-lists/s`, index: i % 131072 },
    },
  });

// The "plain" library usage: a Map-backed loader without the 'static' tag, stock cryptosuite,
// the ed25519-multikey key pair as signer / verifier (re-imported on every use).
const plainDocs = new Map<string, unknown>([...STATIC_CONTEXTS, [`${baseUrl}/contexts/registry/v1`, registryContext(baseUrl)]]);
const didDocument = identity.didDocument();
plainDocs.set(didDocument.id, didDocument);
for (const m of didDocument.verificationMethod) plainDocs.set(m.id, { '@context': didDocument['@context'], ...m });
const plainLoader = async (url: string) => {
  const document = plainDocs.get(url);
  if (!document) throw new Error(`not found: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};
const keyPair = await Ed25519Multikey.fromJwk({ jwk: key.privateJwk, secretKey: true });
keyPair.id = vmId;
keyPair.controller = identity.did;
const plainIssue = (c: Record<string, unknown>) =>
  vc.issue({ credential: c, suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite }), documentLoader: plainLoader });
const plainVerify = (c: unknown) =>
  vc.verifyCredential({
    credential: c, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: plainLoader, checkStatus: async () => ({ verified: true }),
  });

const sample = await securer.secure(unsigned(0));
// Distinct signed credentials (new bytes for every verification; the memo-off securer learns the
// shape from the first one that verifies with our key, as after a restart).
const poolSize = Math.ceil(seconds * 4000) + 10;
const pool: Record<string, unknown>[] = [];
for (let i = 0; i < poolSize; i++) pool.push((await diOnly.sign({ credential: unsigned(i), key, verificationMethod: vmId })));
const statusLookup = async () => false;
const jwtKey = await importVerifyKey(key.publicKeyMultibase);
const rawData = new TextEncoder().encode(sample.jwt);
const rawSignature = new Uint8Array(await crypto.subtle.sign('Ed25519', await crypto.subtle.importKey('jwk', key.privateJwk!, 'Ed25519', false, ['sign']), rawData));

async function measure(name: string, op: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await op(i); // warm up (JIT, caches)
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) await op(n++);
  const perSecond = n / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(58)} ${perSecond.toFixed(0).padStart(8)} ops/s`);
  return perSecond;
}

const must = async (p: Promise<{ verified: boolean }>) => {
  if (!(await p).verified) throw new Error('verification failed in benchmark');
};
console.log(`Open Badges 3.0 declaration credential, ${seconds}s per case, Node ${process.version}`);
const r = {
  plainIssue: await measure('plain vc.issue (multikey signer, plain loader)', (i) => plainIssue(unsigned(i))),
  diSignJsonld: await measure('ours: Data Integrity sign only, jsonld path (no shapes)', (i) => diJsonld.sign({ credential: unsigned(i), key, verificationMethod: vmId })),
  diSign: await measure('ours: Data Integrity sign only', (i) => diOnly.sign({ credential: unsigned(i), key, verificationMethod: vmId })),
  secure: await measure('ours: secure() = Data Integrity + JWT', (i) => securer.secure(unsigned(i))),
  plainVerify: await measure('plain vc.verifyCredential (same credential)', () => must(plainVerify(sample.dataIntegrity))),
  plainVerifyNew: await measure('plain vc.verifyCredential (new bytes each time)', (i) => must(plainVerify(pool[i % poolSize]))),
  verifyNew: await measure('ours: verify DI, all checks, new bytes each time', (i) => must(coldSecurer.verify(pool[i % poolSize], { statusLookup }))),
  verifyCold: await measure('ours: verify DI, all checks, canonical memo off', () => must(coldSecurer.verify(sample.dataIntegrity, { statusLookup }))),
  verifyWarm: await measure('ours: verify DI, all checks, canonical memo on (same bytes)', () => must(securer.verify(sample.dataIntegrity, { statusLookup }))),
  verifyJwt: await measure('ours: verify JWT, all checks', () => must(securer.verify(sample.jwt, { statusLookup }))),
  jose: await measure('jose compactVerify only', () => compactVerify(sample.jwt, jwtKey)),
  raw: await measure('raw WebCrypto Ed25519 verify', () => crypto.subtle.verify('Ed25519', jwtKey, rawSignature, rawData)),
};
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
console.log('\nratios');
console.log(`DI sign (jsonld path) / plain issue ${ratio(r.diSignJsonld, r.plainIssue)}`);
console.log(`DI sign / plain issue               ${ratio(r.diSign, r.plainIssue)}   (target ≥ 3×)`);
console.log(`secure() (both forms) / plain issue ${ratio(r.secure, r.plainIssue)}`);
console.log(`verify DI new bytes / plain (new)   ${ratio(r.verifyNew, r.plainVerifyNew)}`);
console.log(`verify DI memo off / plain verify   ${ratio(r.verifyCold, r.plainVerify)}`);
console.log(`verify DI memo on / plain verify    ${ratio(r.verifyWarm, r.plainVerify)}   (target ≥ 5×)`);
console.log(`verify JWT (all checks) / jose      ${ratio(r.verifyJwt, r.jose)}`);
console.log(`jose / raw Ed25519                  ${ratio(r.jose, r.raw)}`);
