import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import { seesPrivate, isAdmin } from '../../domain/actor.js';
import { DomainError, forbidden, invalid, notFound } from '../../domain/errors.js';
import type { RequestContext } from '../../domain/services/index.js';
import type { RegistryVerificationOutcome } from '../../domain/services/credentials.js';
import { auditEntry } from '../../domain/services/context.js';
import { commitIssuance } from '../../domain/services/commit-change.js';
import type { StoredCredential } from '../../ports/credential-store.js';
import { statusChange, type StatusChange, type StatusEntryRequest } from '../../domain/credentials/status-change.js';
import { registryContext } from '../../adapters/crypto/contexts/registry-context.js';
import { envelopeVcJwt, isCompactJws } from '../../adapters/crypto/jwt.js';
import type { PresentationVerificationOutcome, VerificationOutcome } from '../../ports/credentials.js';
import { withMessages } from '../../domain/credentials/verification-messages.js';
import { signedByRegistry } from '../../domain/credentials/signed-by-registry.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { ifNoneMatchHits } from '../conditional.js';
import { readJson, requireSignedIn } from '../request.js';
import { respelledUuid } from '../pages/http-helpers.js';

const CREDENTIAL = { ja: 'クレデンシャル', en: 'Credential' };
/**
 * A path segment that may name a credential: any but the VC-API's POST addresses under /credentials.
 * The slash is written \x2f: route tables split Hono's paths at every literal one.
 */
const CREDENTIAL_SEGMENT = String.raw`(?!(?:verify|issue|status)$)[^\x2f]+`;
const JWT_MEDIA_TYPE = 'application/vc+jwt';
const JWK_SET_MEDIA_TYPE = 'application/jwk-set+json';
/**
 * The JSON-LD form's media type when no JSON type is asked for by name (no Accept, a wildcard,
 * another type): application/vc, the one VC 2.0 registers (§6.2 Media Types). Its name before,
 * application/vc+ld+json, is still served to a client that asks for it.
 */
const VC_MEDIA_TYPE = 'application/vc';
/** JSON-LD types first: `application/*` means the JSON-LD form. */
const SERVED_TYPES = [VC_MEDIA_TYPE, 'application/vc+ld+json', 'application/ld+json', 'application/json', JWT_MEDIA_TYPE];
/**
 * The form the Accept header prefers (RFC 9110 §12.5.1: quality values, q=0 refused, media types
 * case-insensitive), and the media type to answer with: the JSON type asked for by name, else
 * application/vc. Anything else, or no Accept, gets the JSON-LD form.
 */
function negotiated(c: Context<AppEnv>): { jwt: boolean; contentType: string } {
  const type = accepts(c, { header: 'Accept', supports: SERVED_TYPES, default: VC_MEDIA_TYPE });
  return { jwt: type === JWT_MEDIA_TYPE, contentType: type };
}

/** Both secured forms of a stored credential, as organizations fetch them. */
export function presentStored(registry: Registry, credential: StoredCredential) {
  const base = registry.identity.baseUrl;
  return {
    id: registry.credentials.credentialUrl(credential.id),
    credentialId: credential.id,
    subjectType: credential.subjectType,
    subjectId: credential.subjectId,
    status: credential.status,
    issuedAt: credential.issuedAt,
    validFrom: credential.validFrom,
    validUntil: credential.validUntil,
    verificationUrl: `${base}/v/${credential.id}`,
    dataIntegrity: JSON.parse(credential.dataIntegrity),
    jwt: credential.jwt,
  };
}

/** `errors` (and its older name `problemDetails`) and `warnings`, each problem with its messages. */
function problemLists(outcome: Pick<VerificationOutcome, 'problemDetails' | 'warnings'>) {
  const errors = withMessages(outcome.problemDetails);
  return { errors, warnings: withMessages(outcome.warnings), problemDetails: errors };
}

/**
 * The VC-API verification answer: `checks` names every check that ran (passed or not),
 * `results` gives each one's outcome, `errors` why verification failed and `warnings` what did
 * not fail it (e.g. checks left out by options.checks). `problemDetails` (= errors), `format`,
 * `issuedByRegistry` and `status` stay for the clients that read them. Each problem also says
 * itself in Japanese and English (`messages`), as every problem of the API does.
 */
function verificationAnswer(outcome: VerificationOutcome) {
  return {
    verified: outcome.verified,
    checks: outcome.results.map((r) => r.check),
    results: outcome.results,
    ...problemLists(outcome),
    format: outcome.format,
    // Only once the signature held: a forgery naming the registry's key is not the registry's.
    issuedByRegistry: signedByRegistry(outcome),
    status: outcome.status,
  };
}

/**
 * POST /credentials/verify's answer, and each presented credential's: for one of the registry's
 * own credentials also its id and status in the registry.
 */
function credentialAnswer(outcome: RegistryVerificationOutcome) {
  return {
    ...verificationAnswer(outcome),
    ...(outcome.registryId ? { credentialId: outcome.registryId, registryStatus: outcome.registryStatus } : {}),
  };
}

function presentationAnswer(outcome: PresentationVerificationOutcome<RegistryVerificationOutcome>) {
  return {
    verified: outcome.verified,
    format: outcome.format,
    ...(outcome.holder ? { holder: outcome.holder } : {}),
    checks: outcome.results.map((r) => r.check),
    results: outcome.results,
    ...problemLists(outcome),
    credentials: outcome.credentials.map((credential) => ({ ...credentialAnswer(credential), credential: credential.credential })),
  };
}

/**
 * GET /credentials/{id}… (the credential, its badge and QR images, embed, JWT) with the badge ID in
 * another spelling is the same badge: 301 to its own address, as /v/{id} does, not a 404 that
 * breaks an <img> on an organization's site. Only the ID segment changes (to hex digits and
 * hyphens); the rest of the path and the query are kept, so the address stays on this site.
 */
const toOwnCredentialAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
  const respelled = c.req.method === 'GET' || c.req.method === 'HEAD' ? respelledUuid(c.req.param('id') ?? '') : null;
  if (!respelled) return next();
  const { pathname, search } = new URL(c.req.url);
  const prefix = '/credentials/';
  const segment = pathname.indexOf(prefix) + prefix.length;
  const slash = pathname.indexOf('/', segment);
  return c.redirect(`${prefix}${respelled}${slash === -1 ? '' : pathname.slice(slash)}${search}`, 301);
};

/** Issuer identity, credentials, status lists and the VC-API (issue, verify, status). */
export function credentialRoutes(registry: Registry) {
  const { credentials, identity } = registry;
  const baseUrl = identity.baseUrl;

  async function loadCredential(id: string) {
    const credential = /^[0-9a-f-]{36}$/.test(id) ? await credentials.get(id) : null;
    if (!credential) throw notFound(CREDENTIAL);
    return credential;
  }

  /** A status change through the VC-API moves the declaration or award with it, so they never disagree. */
  async function applyStatusChange(ctx: RequestContext, credential: StoredCredential, { action, reason }: StatusChange) {
    const { subjectType, subjectId } = credential;
    if (subjectType === 'declaration') return void (await registry.declarations.act(ctx, subjectId, action, { reason: reason ?? 'other' }));
    if (subjectType === 'award') return void (await registry.awards.act(ctx, subjectId, action, reason ? { reason } : {}));
    const next = action === 'revoke' ? 'revoked' : action === 'suspend' ? 'suspended' : 'active';
    const { uow, repos, clock } = registry.deps;
    await uow.commit([
      ...credentials.statusOps(credential, next),
      repos.audit.append(auditEntry(ctx, clock.now().toISOString(), { action: `credential.${next}`, entityType: 'credential', entityId: credential.id, before: { status: credential.status }, after: { status: next } })),
    ]);
  }

  const didDocument = (c: Context<AppEnv>) => c.json(identity.didDocument(), 200, { 'Content-Type': 'application/did+json', 'Cache-Control': 'public, max-age=300' });

  return new Hono<AppEnv>()
    .use('/credentials/:id', toOwnCredentialAddress)
    .use('/credentials/:id/*', toOwnCredentialAddress)
    .get('/.well-known/did.json', didDocument)
    // did:web resolution (§3.2 Read) looks under /.well-known only for a DID without a path: a
    // registry below one (PUBLIC_BASE_URL https://host/telework → did:web:host:telework) is
    // resolved at {base}/did.json.
    .get('/did.json', didDocument)
    .get('/.well-known/jwks.json', (c) => {
      // RFC 7517 §8.5.1 registers application/jwk-set+json: served to a client that prefers it.
      // Any other keeps application/json, as JWKS endpoints commonly answer (jose's
      // createRemoteJWKSet asks for application/json first).
      const type = accepts(c, { header: 'Accept', supports: ['application/json', JWK_SET_MEDIA_TYPE], default: 'application/json' });
      return c.json(identity.jwks(), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=300', Vary: 'Accept' });
    })
    .get('/contexts/registry/v1', (c) => c.json(registryContext(baseUrl), 200, { 'Content-Type': 'application/ld+json', 'Cache-Control': 'public, max-age=86400' }))
    .get('/status-lists/:id', async (c) => {
      const list = await credentials.statusList(c.req.param('id'));
      if (!list) throw notFound({ ja: 'ステータスリスト', en: 'Status list' });
      const { jwt, contentType } = negotiated(c);
      // A validator names one representation (RFC 9110 §8.8.3): the JWT's differs from the JSON-LD one's.
      const etag = jwt ? `${list.etag.slice(0, -1)}.jwt"` : list.etag;
      const headers = { ETag: etag, 'Cache-Control': 'public, max-age=1', Vary: 'Accept' };
      if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
      return c.body(jwt ? list.jwt : list.dataIntegrity, 200, { ...headers, 'Content-Type': contentType });
    })
    // Not the VC-API's own addresses: GET /credentials/verify is a 405 naming POST, not a credential "verify" not found.
    .get(`/credentials/:id{${CREDENTIAL_SEGMENT}}`, async (c) => {
      const credential = await loadCredential(c.req.param('id'));
      const { jwt, contentType } = negotiated(c);
      return c.body(jwt ? credential.jwt : credential.dataIntegrity, 200, { 'Content-Type': contentType, Vary: 'Accept' });
    })
    .post('/credentials/verify', async (c) => {
      const { verifiableCredential, options } = await readJson<{ verifiableCredential: unknown; options?: { checks?: string[] } }>(c, 'verifyCredential');
      // A string is a vc+jwt; a JSON-LD credential sent as JSON text is refused, not parsed (what is verified is what was sent).
      if (typeof verifiableCredential === 'string' && !isCompactJws(verifiableCredential.trim())) {
        // Three parts between periods: a JWT with a broken part (a copy's stray character, "=" padding), not JSON text.
        const text = verifiableCredential.trim();
        const jwtShaped = !/^[{["]/.test(text) && text.split('.').length === 3;
        throw invalid([
          jwtShaped
            ? {
                field: '/verifiableCredential',
                ja: 'vc+jwt として読み取れません。ヘッダー・ペイロード・署名の3つの部分は、ピリオドで区切った base64url（英数字と - _ のみ、= なし）で書いてください。',
                en: 'Not a readable vc+jwt: its three parts (header, payload, signature) must be base64url (letters, digits, - and _, no =) separated by periods.',
              }
            : {
                field: '/verifiableCredential',
                ja: '文字列で送れるのは vc+jwt（コンパクト JWS）だけです。JSON-LD のクレデンシャルは JSON の文字列ではなくオブジェクトとして送ってください。',
                en: 'A string must be a vc+jwt (compact JWS); send a JSON-LD credential as a JSON object, not as JSON text.',
              },
        ]);
      }
      const outcome = await credentials.verify(verifiableCredential, undefined, options?.checks ? { checks: options.checks } : {});
      return c.json(credentialAnswer(outcome), outcome.verified ? 200 : 400);
    })
    .post('/presentations/verify', async (c) => {
      const { verifiablePresentation, options } = await readJson<{ verifiablePresentation: unknown; options: { challenge: string; domain?: string } }>(c, 'verifyPresentation');
      const outcome = await credentials.verifyPresentation(verifiablePresentation, options);
      return c.json(presentationAnswer(outcome), outcome.verified ? 200 : 400);
    })
    .post('/credentials/issue', async (c) => {
      const ctx = requireSignedIn(c);
      if (!isAdmin(ctx.actor)) throw forbidden();
      const { credential, options } = await readJson<{ credential: Record<string, unknown>; options?: { format?: string } }>(c, 'issueCredential');
      const { uow, repos, clock } = registry.deps;
      let stored!: StoredCredential;
      // Signed with a status index that a concurrent issuance may take first: then signed again with another.
      await commitIssuance(uow, async () => {
        try {
          stored = await credentials.issueGiven(credential);
        } catch (error) {
          if (error instanceof DomainError) throw error; // a field the issuance refuses, already named
          // JSON-LD safe mode refuses undefined terms: the caller's credential is malformed, not our fault.
          throw new DomainError('validation', 'クレデンシャルに署名できません（未定義の語彙や不正な値）。', `The credential cannot be signed: ${error instanceof Error ? error.message : String(error)}`, [
            { field: '/credential', ja: '未定義の語彙または不正な値があります。', en: 'Contains an undefined term or a malformed value.' },
          ]);
        }
        return [
          ...credentials.insertOps(stored),
          repos.audit.append(auditEntry(ctx, clock.now().toISOString(), { action: 'credential.issue', entityType: 'credential', entityId: stored.id, before: null, after: { id: stored.id } })),
        ];
      });
      if (options?.format === 'vc+jwt') return c.json({ verifiableCredential: envelopeVcJwt(stored.jwt) }, 201);
      // The stored JSON as it is: parsing it only to serialize it again cost ~50 µs.
      return c.body(`{"verifiableCredential":${stored.dataIntegrity}}`, 201, { 'Content-Type': 'application/json' });
    })
    .post('/credentials/status', async (c) => {
      const ctx = requireSignedIn(c);
      if (!isAdmin(ctx.actor)) throw forbidden();
      const body = await readJson<{ credentialId: string; credentialStatus: StatusEntryRequest[] }>(c, 'updateStatus');
      const id = credentials.credentialIdOf(body.credentialId) ?? body.credentialId;
      const before = await loadCredential(id);
      const change = statusChange(before.status, body.credentialStatus);
      if (change) await applyStatusChange(ctx, before, change);
      const after = change ? await loadCredential(id) : before;
      return c.json({ credentialId: registry.credentials.credentialUrl(id), status: after.status, credentialStatus: after.entries });
    })
    .get('/api/v1/organizations/:id/credentials', async (c) => {
      const ctx = requireSignedIn(c);
      const organizationId = c.req.param('id');
      await registry.organizations.load(organizationId);
      if (!seesPrivate(ctx.actor, organizationId)) throw forbidden();
      const items = await credentials.listByOrganization(organizationId);
      return c.json({ items: items.map((credential) => presentStored(registry, credential)) });
    });
}
