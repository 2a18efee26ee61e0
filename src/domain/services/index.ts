import { isAdmin, isStaff } from '../actor.js';
import { withoutPersonalData } from '../audit-redaction.js';
import { forbidden } from '../errors.js';
import type { AuditQuery } from '../../ports/repositories.js';
import type { RequestContext, ServiceDeps } from './context.js';
import { createOrganizationService } from './organizations.js';
import { createDeclarationService } from './declarations.js';
import { createAwardService } from './awards.js';
import { createAwardImportService } from './award-import.js';
import { createTokenService } from './tokens.js';

/** The registry's use cases, built once per runtime by its composition root. */
export function createRegistry(deps: ServiceDeps) {
  return {
    deps,
    organizations: createOrganizationService(deps),
    declarations: createDeclarationService(deps),
    awards: createAwardService(deps),
    awardImport: createAwardImportService(deps),
    tokens: createTokenService(deps),
    audit: {
      /** Administrators read every entry whole; other staff with people's contact details withheld. */
      async list(ctx: RequestContext, query: AuditQuery) {
        if (!isStaff(ctx.actor)) throw forbidden();
        const page = await deps.repos.audit.list(query);
        return isAdmin(ctx.actor) ? page : { ...page, items: page.items.map(withoutPersonalData) };
      },
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
export type { ServiceDeps, RequestContext } from './context.js';
