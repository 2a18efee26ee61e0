import {
  buildAwardCredential, buildDeclarationCredential, buildStatusListCredential, statusListEntry, type CredentialCommonInput, type GuidelineArea,
  type StatusSlot,
} from '../credentials/open-badge.js';
import type { Award, AwardStatus, Declaration, DeclarationStatus, Organization } from '../model.js';
import type { Repositories } from '../../ports/repositories.js';
import type { CredentialSecurer, StatusLookup, VerificationOutcome } from '../../ports/credentials.js';
import { signedByRegistry } from '../credentials/signed-by-registry.js';
import type {
  CredentialStatus, CredentialStore, CredentialSubjectType, CredentialSummary, StatusEntry, StatusPurpose, StoredCredential,
} from '../../ports/credential-store.js';
import type { CredentialLifecycle } from '../../ports/credential-lifecycle.js';
import type { WriteOp } from '../../ports/store.js';
import { invalid, type FieldProblem } from '../errors.js';
import type { Clock } from './context.js';

/** Bitstring Status List v1.0 minimum, for group privacy. */
export const STATUS_LIST_LENGTH = 131_072;
const PURPOSES: StatusPurpose[] = ['revocation', 'suspension'];

export type { IssuerProfileInput as IssuerProfile } from '../credentials/open-badge.js';
import type { IssuerProfileInput } from '../credentials/open-badge.js';
import { keyIdOf } from '../credentials/key-id.js';
import { rebuildInCurrentShape } from '../credentials/current-shape.js';
import { dateTimeStampInstant } from '../credentials/date-time-stamp.js';
import { isAbsoluteUrl } from '../credentials/url.js';
import { isNaturalLanguageValue } from '../credentials/natural-language.js';
import { japanMidnight } from '../japan-calendar.js';
import { awardSignedContentChanged } from '../awards/signed-content.js';
import { exceedsValues, MAX_CREDENTIAL_VALUES } from '../credentials/size.js';
import { REVOCATION_BIT_PROBLEMS, revocationBitMeaning } from '../credentials/revocation-bit.js';

export interface CredentialServiceDeps {
  store: CredentialStore;
  securer: CredentialSecurer;
  repos: Pick<Repositories, 'awards' | 'declarations'>;
  /** The registry as issuer; `id` is its DID (which changes when did:key keys rotate). */
  issuer: () => IssuerProfileInput;
  /** Bitstring Status List encoding (gzip + multibase), an adapter concern. */
  encodeStatusList(setIndexes: Iterable<number>, length: number): Promise<string>;
  baseUrl: string;
  clock: Clock;
  newId(): string;
  /**
   * Indexes per new list; STATUS_LIST_LENGTH unless a test wants lists that fill (and roll over)
   * after a few issuances. A shorter list is published padded to STATUS_LIST_LENGTH.
   */
  statusListLength?: number;
}

/** A verification as the registry answers it: for one of its own credentials, also its id and status in the registry. */
export type RegistryVerificationOutcome = VerificationOutcome & { registryId: string | null; registryStatus: CredentialStatus | null };

const TERMINAL: CredentialStatus[] = ['revoked', 'expired', 'superseded'];
const bitsFor = (status: CredentialStatus) => ({ revocation: TERMINAL.includes(status), suspension: status === 'suspended' });

const DECLARATION_TO_CREDENTIAL: Record<DeclarationStatus, CredentialStatus | null> = {
  draft: null,
  submitted: null,
  published: 'active',
  suspended: 'suspended',
  withdrawn: 'revoked',
  revoked: 'revoked',
  expired: 'expired',
};
const AWARD_TO_CREDENTIAL: Record<AwardStatus, CredentialStatus> = { active: 'active', suspended: 'suspended', revoked: 'revoked' };

/**
 * Issues, re-issues and flips the status of credentials as declarations and awards change, and
 * serves status lists and verification. Its ops ride in the caller's batch, so a state change
 * and its credential bits commit together or not at all.
 */
export function createCredentialService(deps: CredentialServiceDeps) {
  const { store, securer, baseUrl, clock } = deps;
  const credentialUrl = (id: string) => `${baseUrl}/credentials/${id}`;
  /** The registry's id in one of its own credential URLs; null for anything else. */
  const credentialIdOf = (url: string) => (url.startsWith(credentialUrl('')) ? url.slice(credentialUrl('').length) : null);
  const listUrl = (listId: string) => `${baseUrl}/status-lists/${listId}`;
  const listLength = deps.statusListLength ?? STATUS_LIST_LENGTH;
  /** A list is closed (a new one opened) at 7/8 allocation, so a random pick finds a free index in a few tries. */
  const fullAt = Math.floor((listLength * 7) / 8);

  /**
   * A random index in an open list of each purpose, free when read (never reused: entries are
   * never deleted). A concurrent issuance may take it before this one commits: then the batch
   * fails with UniqueViolation on status_entries and the issuance is built again
   * (commitIssuance in commit-change.ts).
   */
  async function allocate(): Promise<StatusEntry[]> {
    const at = clock.now().toISOString();
    return Promise.all(
      PURPOSES.map(async (purpose) => {
        let list = await store.openList(purpose, { id: deps.newId(), length: listLength, at });
        for (let attempt = 0; attempt < 64; attempt++) {
          // Concurrent issuances may have filled and closed the list read: read the open one again.
          if (attempt > 0 && attempt % 16 === 0) list = await store.openList(purpose, { id: deps.newId(), length: listLength, at });
          const index = crypto.getRandomValues(new Uint32Array(1))[0]! % list.length;
          if (!(await store.isAllocated(list.id, index))) return { purpose, listId: list.id, index, isSet: false };
        }
        throw new Error(`status list ${list.id} has no free index after 64 random tries`);
      }),
    );
  }

  async function issue(
    subject: { type: CredentialSubjectType; id: string; version: number; organizationId: string | null },
    status: CredentialStatus,
    build: (common: CredentialCommonInput) => Record<string, unknown>,
    organization: Organization,
    validity: { validFrom: string; validUntil: string | null },
  ): Promise<WriteOp[]> {
    const id = deps.newId();
    const entries = (await allocate()).map((e) => ({ ...e, isSet: bitsFor(status)[e.purpose] }));
    const slot = (purpose: StatusPurpose): StatusSlot => {
      const entry = entries.find((e) => e.purpose === purpose)!;
      return { listUrl: listUrl(entry.listId), index: entry.index };
    };
    const unsigned = build({
      baseUrl,
      credentialId: id,
      issuer: deps.issuer(),
      organization: {
        id: organization.id,
        name: organization.name,
        ...(organization.nameEn ? { nameEn: organization.nameEn } : {}),
        kind: organization.kind,
        ...(organization.corporateNumber ? { corporateNumber: organization.corporateNumber } : {}),
        ...(organization.localGovernmentCode ? { localGovernmentCode: organization.localGovernmentCode } : {}),
        prefectureCode: organization.prefectureCode,
      },
      validFrom: validity.validFrom,
      ...(validity.validUntil ? { validUntil: validity.validUntil } : {}),
      status: { revocation: slot('revocation'), suspension: slot('suspension') },
    });
    const secured = await securer.secure(unsigned);
    const proof = (secured.dataIntegrity.proof as { verificationMethod: string }[])[0]!;
    const credential: StoredCredential = {
      id,
      subjectType: subject.type,
      subjectId: subject.id,
      subjectVersion: subject.version,
      organizationId: subject.organizationId,
      status,
      keyId: keyIdOf(proof.verificationMethod),
      validFrom: validity.validFrom,
      validUntil: validity.validUntil,
      dataIntegrity: JSON.stringify(secured.dataIntegrity),
      jwt: secured.jwt,
      issuedAt: clock.now().toISOString(),
      entries,
    };
    return store.insert(credential, fullAt);
  }

  /** Ops that bring a subject's credentials in line with its new state. */
  async function reconcile(
    subject: { type: 'declaration' | 'award'; id: string },
    target: CredentialStatus | null,
    outdated: (current: CredentialSummary) => boolean,
    issueNew: (status: CredentialStatus) => Promise<WriteOp[]>,
  ): Promise<WriteOp[]> {
    const current = (await store.listFor(subject.type, subject.id)).find((c) => !TERMINAL.includes(c.status));
    if (target === null) return [];
    const live = target === 'active' || target === 'suspended';
    if (live && (!current || outdated(current))) {
      const retire = current ? store.update(current.id, 'superseded', bitsFor('superseded'), current.entries) : [];
      return [...retire, ...(await issueNew(target))];
    }
    return current && current.status !== target ? store.update(current.id, target, bitsFor(target), current.entries) : [];
  }

  const lifecycle: CredentialLifecycle = {
    async forDeclaration({ after, organization }) {
      // A new version (amendment) or a new validity period (republished after renewal) needs a new credential.
      const outdated = (current: CredentialSummary) => current.subjectVersion !== after.currentVersion || current.validFrom !== after.validFrom;
      return reconcile({ type: 'declaration', id: after.id }, DECLARATION_TO_CREDENTIAL[after.status], outdated, (status) =>
        issue(
          { type: 'declaration', id: after.id, version: after.currentVersion, organizationId: organization.id },
          status,
          (common) => buildDeclarationCredential({ ...common, declaration: declarationClaims(after) }),
          organization,
          { validFrom: after.validFrom!, validUntil: after.validUntil },
        ),
      );
    },
    async forAward({ before, after, organization }) {
      // A corrected overview: the credential signed the old text, so a new one replaces it.
      const outdated = () => awardSignedContentChanged(before, after);
      return reconcile({ type: 'award', id: after.id }, AWARD_TO_CREDENTIAL[after.status], outdated, async (status) => {
        const [categories, divisions] = await Promise.all([deps.repos.awards.categories(), deps.repos.awards.divisions()]);
        const category = categories.find((c) => c.code === after.categoryCode)!;
        const division = divisions.find((d) => d.code === after.divisionCode);
        return issue(
          { type: 'award', id: after.id, version: 1, organizationId: organization.id },
          status,
          (common) => buildAwardCredential({ ...common, award: awardClaims(after, category, division) }),
          organization,
          { validFrom: japanMidnight(after.awardedOn), validUntil: null },
        );
      });
    },
    async listFor(subject) {
      return (await store.listFor(subject.type, subject.id)).map((c) => ({
        id: credentialUrl(c.id),
        verificationUrl: `${baseUrl}/v/${c.id}`,
        status: c.status,
        issuedAt: c.issuedAt,
      }));
    },
    async issuedVersions(declarationId) {
      return (await store.listFor('declaration', declarationId)).map((c) => c.subjectVersion);
    },
  };

  /**
   * Reads status bits from our own data (never an HTTP call to ourselves). One verification asks
   * for both of a credential's entries and then its status: the first read fetches all of them.
   */
  const statusReader = () => {
    let holder: Awaited<ReturnType<CredentialStore['holderOf']>> | undefined;
    // An entry is ours only under the purpose of its list: a suspension bit read as a revocation
    // (or the reverse) is unknown, as the Bitstring Status List's purpose check requires.
    const lookup: StatusLookup = async ({ statusListCredential, statusListIndex, statusPurpose }) => {
      const prefix = `${baseUrl}/status-lists/`;
      if (!statusListCredential.startsWith(prefix)) return null;
      const listId = statusListCredential.slice(prefix.length);
      const find = () => holder?.entries.find((e) => e.listId === listId && e.index === statusListIndex);
      let entry = find();
      if (!entry) {
        holder = await store.holderOf(listId, statusListIndex);
        entry = find();
      }
      // No such list: it cannot be retrieved (GET answers 404), which Bitstring Status List §3.2
      // reports as STATUS_RETRIEVAL_ERROR, not as an entry the list does not know.
      if (!entry && !(await store.listInfo(listId))) throw new Error('there is no such status list');
      return entry?.purpose === statusPurpose ? entry.isSet : null;
    };
    const statusOf = async (id: string) => (holder?.credentialId === id ? holder.status : store.statusOf(id));
    /** Reads the record once: it answers the status checks that follow too. */
    const storedJwtSigner = async (url: string, jwt: string) => {
      const id = credentialIdOf(url);
      const record = id ? await store.verificationRecord(id, jwt) : null;
      if (!record) return null;
      holder = record;
      return record.isStoredJwt ? record.keyId : null;
    };
    return { lookup, statusOf, storedJwtSigner };
  };
  const statusLookup: StatusLookup = (entry) => statusReader().lookup(entry);

  /**
   * The status check names any set revocation bit 'Credential revoked'; for one of the registry's
   * credentials its record says what happened (withdrawn, superseded, expired or revoked). The
   * problem's type stays: clients test it.
   */
  async function revocationSaysWhy(problems: VerificationOutcome['problemDetails'], id: string): Promise<VerificationOutcome['problemDetails']> {
    const revokedType = `${baseUrl}/problems/revoked`;
    if (!problems.some((p) => p.type === revokedType)) return problems;
    const record = await store.get(id);
    const meaning = record ? await revocationBitMeaning(deps.repos, record) : null;
    if (!meaning) return problems;
    const { title, detail } = REVOCATION_BIT_PROBLEMS[meaning];
    return problems.map((p) => (p.type === revokedType ? { type: p.type, title, detail } : p));
  }

  /**
   * Verifies any credential offline; for one of ours, also its id and status in the registry.
   * `checks`: run only these (VC-API options.checks), the others are reported as not run.
   */
  async function verify(
    input: unknown,
    now?: Date,
    { checks }: { checks?: readonly string[] } = {},
  ): Promise<RegistryVerificationOutcome> {
    const reader = statusReader();
    const outcome = await securer.verify(input, { statusLookup: reader.lookup, storedJwtSigner: reader.storedJwtSigner, ...(now ? { now } : {}), ...(checks ? { checks } : {}) });
    const url = typeof outcome.credential?.id === 'string' ? outcome.credential.id : '';
    // A credential that only names the registry's key (its signature failed) is not the registry's record.
    const registryId = signedByRegistry(outcome) ? credentialIdOf(url) : null;
    const registryStatus = registryId ? await reader.statusOf(registryId) : null;
    const problemDetails = registryStatus ? await revocationSaysWhy(outcome.problemDetails, registryId!) : outcome.problemDetails;
    return { ...outcome, problemDetails, registryId: registryStatus ? registryId : null, registryStatus };
  }

  const signedLists = new Map<string, { dataIntegrity: string; jwt: string; keyId: string }>();

  return {
    lifecycle,
    statusLookup,
    credentialUrl,
    credentialIdOf,
    get: (id: string) => store.get(id),
    statusOf: (id: string) => store.statusOf(id),
    listByOrganization: (organizationId: string) => store.listByOrganization(organizationId),

    /** The signed status list as of now; re-signed only when a bit changed (its revision). */
    async statusList(listId: string) {
      const info = await store.listInfo(listId);
      if (!info) return null;
      const key = `${listId}@${info.revision}`;
      let signed = signedLists.get(key);
      if (!signed) {
        const unsigned = buildStatusListCredential({
          baseUrl,
          listId,
          purpose: info.purpose,
          // A list shorter than the spec's minimum (tests only) is published padded with zeros to it.
          encodedList: await deps.encodeStatusList(await store.setIndexes(listId), Math.max(info.length, STATUS_LIST_LENGTH)),
          validFrom: clock.now().toISOString(),
          issuer: deps.issuer().id,
        });
        const secured = await securer.signStatusList(unsigned);
        const proof = (secured.dataIntegrity.proof as { verificationMethod: string }[])[0]!;
        signed = { dataIntegrity: JSON.stringify(secured.dataIntegrity), jwt: secured.jwt, keyId: keyIdOf(proof.verificationMethod) };
        if (signedLists.size > 200) signedLists.clear();
        signedLists.set(key, signed);
      }
      // The validator names the bits (revision) and the key that signed them: after a key rotation
      // the same bits are signed anew, and a verifier's copy under the old key (which stops
      // verifying once that key is retired) must not be confirmed by a 304. Weak (RFC 9110
      // §8.8.1): the bytes differ between signings (validFrom, proof created), the content does not.
      return { ...signed, etag: `W/"${key}@${signed.keyId}"` };
    },

    verify,

    /**
     * The holder's proof, then each contained credential read exactly as verify() reads it alone
     * (its id and status in the registry, what a set revocation bit means). Each gets verify()'s own
     * status reader: its bits and registry status come from one read, as for a credential alone, and
     * its record is read again only when its revocation bit is set.
     */
    verifyPresentation(presentation: unknown, options: { challenge: string; domain?: string }) {
      return securer.verifyPresentation(presentation, { ...options, verifyCredential: (credential: unknown, now: Date) => verify(credential, now) });
    },

    /**
     * VC-API issue: signs a credential given by the secretariat, with its own status entries.
     * Commit its insertOps through commitIssuance, which signs again if the index was taken meanwhile.
     */
    async issueGiven(credential: Record<string, unknown>): Promise<StoredCredential> {
      const problems = issuanceProblems(credential, deps.issuer());
      if (problems.length) throw invalid(problems);
      const id = deps.newId();
      const entries = await allocate();
      const unsigned: Record<string, unknown> = {
        ...credential,
        id: credentialUrl(id),
        issuer: typeof credential.issuer === 'object' && credential.issuer ? { ...(credential.issuer as object), id: deps.issuer().id } : deps.issuer().id,
        credentialStatus: entries.map((e) => ({
          id: `${listUrl(e.listId)}#${e.index}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: e.purpose,
          statusListIndex: String(e.index),
          statusListCredential: listUrl(e.listId),
        })),
      };
      const secured = await securer.secure(unsigned);
      const proof = (secured.dataIntegrity.proof as { verificationMethod: string }[])[0]!;
      const stored: StoredCredential = {
        id,
        subjectType: 'manual',
        subjectId: id,
        subjectVersion: 1,
        organizationId: null,
        status: 'active',
        keyId: keyIdOf(proof.verificationMethod),
        validFrom: typeof unsigned.validFrom === 'string' ? unsigned.validFrom : clock.now().toISOString(),
        validUntil: typeof unsigned.validUntil === 'string' ? unsigned.validUntil : null,
        dataIntegrity: JSON.stringify(secured.dataIntegrity),
        jwt: secured.jwt,
        issuedAt: clock.now().toISOString(),
        entries,
      };
      return stored;
    },

    /** Status change of a credential issued through the VC-API (not tied to a declaration or award). */
    statusOps(credential: StoredCredential, status: CredentialStatus): WriteOp[] {
      return store.update(credential.id, status, bitsFor(status), credential.entries);
    },
    insertOps: (credential: StoredCredential) => store.insert(credential, fullAt),

    /**
     * Re-signs a live credential with the current key (after a rotation): the same content as
     * issued (subject version, claims, validity; a first-shape credential in the current shape),
     * a new id and new status entries carrying the same bits, and the issuer id of today (did:key
     * changes with the key). The ops insert the
     * successor and supersede the old one, guarded on the status read: if anyone changed the old
     * credential meanwhile, the whole batch aborts with WriteConflict.
     */
    async reissueOps(old: StoredCredential): Promise<{ credential: StoredCredential; ops: WriteOp[] }> {
      const id = deps.newId();
      const entries = (await allocate()).map((e) => ({ ...e, isSet: bitsFor(old.status)[e.purpose] }));
      const { proof: _proof, ...content } = JSON.parse(old.dataIntegrity) as Record<string, unknown>;
      const issuer = content.issuer;
      const slot = (purpose: StatusPurpose): StatusSlot => {
        const entry = entries.find((e) => e.purpose === purpose)!;
        return { listUrl: listUrl(entry.listId), index: entry.index };
      };
      // A credential of the first shape (the deployment's own context) comes back in the current
      // one: the same claims, verifiable with the standard contexts alone.
      const unsigned: Record<string, unknown> = rebuildInCurrentShape(content, {
        baseUrl, credentialId: id, issuer: deps.issuer(), status: { revocation: slot('revocation'), suspension: slot('suspension') },
      }) ?? {
        ...content,
        id: credentialUrl(id),
        issuer: typeof issuer === 'object' && issuer ? { ...(issuer as object), id: deps.issuer().id } : deps.issuer().id,
        credentialStatus: entries.map((e) => statusListEntry({ listUrl: listUrl(e.listId), index: e.index }, e.purpose)),
      };
      const secured = await securer.secure(unsigned);
      const proof = (secured.dataIntegrity.proof as { verificationMethod: string }[])[0]!;
      const credential: StoredCredential = {
        ...old,
        id,
        keyId: keyIdOf(proof.verificationMethod),
        dataIntegrity: JSON.stringify(secured.dataIntegrity),
        jwt: secured.jwt,
        issuedAt: clock.now().toISOString(),
        entries,
      };
      return { credential, ops: [...store.supersede(old), ...store.insert(credential, fullAt)] };
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const sameJson = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => sameJson(a[key], b[key]));
  }
  return a === b;
};

/**
 * What POST /credentials/issue refuses instead of silently overwriting or keeping, each naming
 * its field: `id` not one URL; an issuer other than this registry, or one that gives the
 * registry another name, url or anything its own profile does not say (the issuer is always
 * the registry's profile, as its own credentials carry it); credentialStatus, credentialSchema,
 * refreshService, termsOfUse or evidence entries without a type (and schemas without an id);
 * relatedResource entries without an id, with an id twice, or without digestSRI/digestMultibase.
 * A well-formed `id` and `credentialStatus` are replaced by the registry's own (the credential
 * is served at its id and its status lives in the registry's lists).
 */
export function issuanceProblems(credential: Record<string, unknown>, registry: IssuerProfileInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, ja: string, en: string) => problems.push({ field: `/credential${field}`, ja, en });

  if (exceedsValues(credential)) {
    add('', `クレデンシャルが大きすぎます（JSON の値は ${MAX_CREDENTIAL_VALUES} 個まで）。`, `The credential holds more than ${MAX_CREDENTIAL_VALUES} JSON values.`);
    return problems;
  }
  const subjects = credential.credentialSubject;
  if (Array.isArray(subjects) && (subjects.length === 0 || !subjects.every(isRecord))) {
    add('/credentialSubject', 'credentialSubject はオブジェクト、または1つ以上のオブジェクトのリストで指定してください。', '"credentialSubject" must be an object or a list of one or more objects (VC 2.0 §4.8).');
  }
  const validFrom = dateTimeStampInstant(credential.validFrom);
  const validUntil = dateTimeStampInstant(credential.validUntil);
  for (const [name, value, instant] of [['validFrom', credential.validFrom, validFrom], ['validUntil', credential.validUntil, validUntil]] as const) {
    if (value !== undefined && !instant) {
      add(`/${name}`, `${name} はタイムゾーン付きの日時（例: 2026-04-01T00:00:00+09:00）で、実在する日付を指定してください。`, `"${name}" must be an XML Schema dateTimeStamp (a real date and time with a time zone, e.g. 2026-04-01T00:00:00+09:00).`);
    }
  }
  if (validFrom && validUntil && validFrom > validUntil) {
    add('/validUntil', 'validUntil は validFrom 以後の日時にしてください。', '"validUntil" must not be earlier than "validFrom" (VC 2.0 §4.9).');
  }
  const types = Array.isArray(credential.type) ? credential.type : [];
  if (credential.validFrom === undefined && types.some((t) => t === 'OpenBadgeCredential' || t === 'AchievementCredential')) {
    add('/validFrom', 'Open Badges 3.0 のクレデンシャルには validFrom が必要です。', 'An Open Badges 3.0 credential requires "validFrom".');
  }

  // VC 2.0 §4.6: the verifier refuses any other name or description, so none is signed.
  for (const name of ['name', 'description'] as const) {
    if (credential[name] !== undefined && !isNaturalLanguageValue(credential[name])) {
      add(`/${name}`, `${name} は文字列、または言語付きの値（{"@value": "…", "@language": "ja"}）で指定してください。`, `"${name}" must be a string or one or more language value objects ({"@value": "…", "@language": "ja"}; VC 2.0 §4.6).`);
    }
  }

  if ('id' in credential && !isAbsoluteUrl(credential.id)) {
    add('/id', 'id は URL を1つだけ指定してください（登録簿が自身のクレデンシャル URL に置き換えます）。', '"id" must be a single URL (the registry replaces it with its own credential URL).');
  }

  // The registry's profile as its own credentials carry it (open-badge.ts).
  const profile: Record<string, unknown> = { id: registry.id, type: ['Profile'], name: registry.nameJa, nameEn: registry.nameEn, url: registry.url };
  const notRegistry = { ja: `発行者はこの登録簿（${registry.id}）です。別の発行者は指定できません。`, en: `The issuer is this registry (${registry.id}); another issuer cannot be given.` };
  const issuer = credential.issuer;
  if (typeof issuer === 'string') {
    if (!isAbsoluteUrl(issuer)) add('/issuer', '発行者（issuer）は URL、または id が URL のオブジェクトで指定してください。', '"issuer" must be a URL or an object whose "id" is a URL.');
    else if (issuer !== registry.id) add('/issuer', notRegistry.ja, notRegistry.en);
  } else if (isRecord(issuer)) {
    if (!isAbsoluteUrl(issuer.id)) add('/issuer/id', '発行者の id は URL で指定してください。', '"issuer.id" must be a URL.');
    else if (issuer.id !== registry.id) add('/issuer/id', notRegistry.ja, notRegistry.en);
    for (const [key, value] of Object.entries(issuer)) {
      if (key === 'id') continue;
      const given = key === 'type' && typeof value === 'string' ? [value] : value;
      if (!(key in profile) || !sameJson(given, profile[key])) {
        add(
          `/issuer/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          `発行者は常にこの登録簿のプロフィールです。「${key}」は登録簿のプロフィールと異なるため指定できません（省略してください）。`,
          `The issuer is always the registry's own profile; "issuer.${key}" differs from it (leave it out).`,
        );
      }
    }
  } else if (issuer !== undefined) {
    add('/issuer', '発行者（issuer）は URL、または id が URL のオブジェクトで指定してください。', '"issuer" must be a URL or an object whose "id" is a URL.');
  }

  /** Each entry of a one-or-more-objects property, with its JSON Pointer. */
  const entriesOf = (name: string): [string, unknown][] => {
    const value = credential[name];
    if (value === undefined) return [];
    return Array.isArray(value) ? value.map((entry, i) => [`/${name}/${i}`, entry]) : [[`/${name}`, value]];
  };
  const hasType = (type: unknown) =>
    (typeof type === 'string' && type !== '') || (Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string' && t !== ''));
  for (const name of ['credentialStatus', 'credentialSchema', 'refreshService', 'termsOfUse', 'evidence']) {
    if (Array.isArray(credential[name]) && (credential[name] as unknown[]).length === 0) {
      add(`/${name}`, `${name} は空にできません（不要なら省略してください）。`, `"${name}" must not be empty (leave it out instead).`);
    }
    for (const [pointer, entry] of entriesOf(name)) {
      if (!isRecord(entry)) {
        add(pointer, `${name} の各項目はオブジェクトで指定してください。`, `Each "${name}" entry must be an object.`);
        continue;
      }
      if (!hasType(entry.type)) add(`${pointer}/type`, `${name} の各項目には type が必要です。`, `Each "${name}" entry needs a "type".`);
      if (name === 'credentialSchema' && !isAbsoluteUrl(entry.id)) add(`${pointer}/id`, 'credentialSchema の各項目には URL の id が必要です。', 'Each "credentialSchema" entry needs an "id" that is a URL.');
    }
  }

  if (Array.isArray(credential.relatedResource) && credential.relatedResource.length === 0) {
    add('/relatedResource', 'relatedResource は空にできません（不要なら省略してください）。', '"relatedResource" must not be empty (leave it out instead).');
  }
  const seen = new Set<string>();
  for (const [pointer, entry] of entriesOf('relatedResource')) {
    if (!isRecord(entry)) {
      add(pointer, 'relatedResource の各項目はオブジェクトで指定してください。', 'Each "relatedResource" entry must be an object.');
      continue;
    }
    if (!isAbsoluteUrl(entry.id)) add(`${pointer}/id`, 'relatedResource の各項目には URL の id が必要です。', 'Each "relatedResource" entry needs an "id" that is a URL.');
    else if (seen.has(entry.id)) add(`${pointer}/id`, `relatedResource の id「${entry.id}」が重複しています。`, `"relatedResource" lists the id "${entry.id}" twice.`);
    else seen.add(entry.id);
    const digest = (value: unknown) => typeof value === 'string' && value !== '';
    if (!digest(entry.digestSRI) && !digest(entry.digestMultibase)) {
      add(pointer, 'relatedResource の各項目には digestSRI または digestMultibase が必要です。', 'Each "relatedResource" entry needs a "digestSRI" or a "digestMultibase".');
    }
  }
  return problems;
}

function declarationClaims(d: Declaration) {
  const consented = new Set(d.content.publicFields);
  return {
    declarationId: d.id,
    version: d.currentVersion,
    committedOn: d.content.committedOn,
    guidelineAreas: (consented.has('guidelineAreas') ? d.content.guidelineAreas : []) as GuidelineArea[],
    ...(consented.has('policy') && d.content.policy ? { policy: d.content.policy } : {}),
  };
}

function awardClaims(a: Award, category: { nameJa: string; nameEn: string }, division?: { code: string; nameJa: string; nameEn: string }) {
  return {
    awardId: a.id,
    fiscalYear: a.fiscalYear,
    categoryCode: a.categoryCode,
    categoryNameJa: category.nameJa,
    categoryNameEn: category.nameEn,
    ...(division ? { divisionCode: division.code, division: division.nameJa, divisionEn: division.nameEn } : {}),
    ...(a.overview ? { overview: a.overview } : {}),
    awardedOn: a.awardedOn,
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
