import type { Kysely } from 'kysely';
import { createKyselyAccounts, createKyselyAuthFlows, createKyselySessions } from './adapters/kysely/accounts.js';
import type { Database } from './adapters/kysely/schema.js';
import { createAccountService, type AccountService } from './domain/services/accounts.js';
import type { Clock } from './domain/services/context.js';
import { createSessionService, type SessionService } from './domain/services/sessions.js';
import type { AccountRepository, AuthFlowStore } from './ports/accounts.js';
import type { IdentityProvider } from './ports/identity-provider.js';
import { createOidcIdentityProvider } from './adapters/oidc/relying-party.js';
import type { Repositories } from './ports/repositories.js';
import type { UnitOfWork } from './ports/store.js';
import { DEFAULT_WEB_SETTINGS, type WebSettings } from './web-settings.js';
import { createInvitationService, type InvitationService } from './domain/services/invitations.js';
import { createPasskeyService, type PasskeyService } from './domain/services/passkeys.js';
import { createWebAuthnRelyingParty } from './adapters/webauthn/relying-party.js';
import { createKyselyStaff } from './adapters/kysely/staff.js';
import { createStaffService, type StaffService, type StaffServiceDeps } from './domain/services/staff.js';
import { REGISTRY_NAME } from './registry.js';
import type { MailComponents } from './mail-components.js';
import { noCorporateLookup, type CorporateNumberLookup } from './ports/corporate-lookup.js';
import { createNtaCorporateNumberLookup } from './adapters/nta/corporate-number-api.js';
import { createKyselyRevocationRequests } from './adapters/kysely/revocation-requests.js';
import { createRevocationService, type RevocationService, type RevocationServiceDeps } from './domain/services/revocations.js';
import { createKyselyReviewNotes } from './adapters/kysely/review-notes.js';
import { createReviewNoteService, type ReviewNoteService } from './domain/services/review-notes.js';

/** Sign-in, sessions and members for the web application, over the same database as the registry. */
export interface WebComponents {
  settings: WebSettings;
  accountRepo: AccountRepository;
  sessions: SessionService;
  flows: AuthFlowStore;
  accounts: AccountService;
  /** The organizations' OpenID Connect provider (GビズID); null when OIDC_ISSUER is not set. */
  oidc: IdentityProvider | null;
  /** One-time invitation links (src/domain/services/invitations.ts). */
  invitations: InvitationService;
  /** Joining with a passkey, signing in with one, and managing one's passkeys (src/domain/services/passkeys.ts). */
  passkeys: PasskeyService;
  /** The secretariat's staff: sign-in (token, staff OIDC, passkeys), invitations, roles (src/domain/services/staff.ts). */
  staff: StaffService;
  /** The secretariat's own OpenID Connect provider; null when STAFF_OIDC_ISSUER is not set. */
  staffOidc: IdentityProvider | null;
  /** 法人番号 → official name and address (NTA Web-API); source null when NTA_APPLICATION_ID is not set. */
  corporateLookup: CorporateNumberLookup;
  /** Revocation requests and their second administrator's approval, REVOCATION_TWO_PERSON (src/domain/services/revocations.ts). */
  revocations: RevocationService;
  /** The secretariat's internal notes on declarations under review (src/domain/services/review-notes.ts). */
  reviewNotes: ReviewNoteService;
}

export function createWebComponents({
  db, uow, repos, clock, newId, settings = DEFAULT_WEB_SETTINGS, publicBaseUrl = 'http://localhost', mail, authenticateToken, lifecycles,
}: {
  db: Kysely<Database>; uow: UnitOfWork; repos: Repositories; clock: Clock; newId(): string; settings?: WebSettings; publicBaseUrl?: string; mail?: Pick<MailComponents, 'invitation' | 'staffInvitation'>;
  /** The registry's bearer-token check: the bootstrap administrator token signs in at /admin/login. */
  authenticateToken: StaffServiceDeps['authenticateToken'];
  /** The registry's declaration and award lifecycles: an approved revocation goes through them. */
  lifecycles: Pick<RevocationServiceDeps, 'declarations' | 'awards'>;
}): WebComponents {
  const accountRepo = createKyselyAccounts(db);
  const sessions = createSessionService({
    store: createKyselySessions(db),
    uow,
    clock,
    settings: { idleMs: settings.sessionIdleMinutes * 60_000, absoluteMs: settings.sessionAbsoluteHours * 3_600_000 },
  });
  const flows = createKyselyAuthFlows(db);
  const accounts = createAccountService({ accounts: accountRepo, repos, uow, clock, newId, sessions, trustedAccountTypes: settings.accountTypes?.trusted ?? null });
  const invitations = createInvitationService({ accounts: accountRepo, repos, uow, clock, newId, baseUrl: publicBaseUrl, ttlHours: settings.invitationTtlHours, queueMail: mail?.invitation });
  // Passkeys belong to the public address: its origin is the only one accepted, its host name the RP ID.
  const rp = createWebAuthnRelyingParty({ rpName: REGISTRY_NAME.ja, rpId: new URL(publicBaseUrl).hostname, origin: new URL(publicBaseUrl).origin });
  return {
    settings,
    accountRepo,
    sessions,
    flows,
    accounts,
    invitations,
    passkeys: createPasskeyService({ accounts: accountRepo, repos, uow, clock, newId, sessions, flows, rp, invitations, accountService: accounts }),
    oidc: settings.oidc
      ? createOidcIdentityProvider({ settings: settings.oidc, redirectUri: `${publicBaseUrl}/auth/oidc/callback`, corporateNumberClaim: settings.corporateNumberClaim, accountTypeClaim: settings.accountTypes?.claim ?? null })
      : null,
    staff: createStaffService({ accounts: accountRepo, staff: createKyselyStaff(db), repos, uow, clock, newId, sessions, flows, rp, baseUrl: publicBaseUrl, ttlHours: settings.invitationTtlHours, authenticateToken, queueMail: mail?.staffInvitation }),
    staffOidc: settings.staffOidc
      ? createOidcIdentityProvider({ settings: settings.staffOidc, redirectUri: `${publicBaseUrl}/auth/staff-oidc/callback`, corporateNumberClaim: settings.corporateNumberClaim })
      : null,
    corporateLookup: settings.corporateNumberApi ? createNtaCorporateNumberLookup(settings.corporateNumberApi) : noCorporateLookup,
    revocations: createRevocationService({
      requests: createKyselyRevocationRequests(db), repos, accounts: accountRepo, uow, clock, newId,
      declarations: lifecycles.declarations, awards: lifecycles.awards, twoPerson: settings.twoPersonRevocation,
    }),
    reviewNotes: createReviewNoteService({ notes: createKyselyReviewNotes(db), repos, accounts: accountRepo, uow, clock, newId }),
  };
}
