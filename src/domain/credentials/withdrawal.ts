import type { StoredCredential } from '../../ports/credential-store.js';
import type { Repositories } from '../../ports/repositories.js';

/**
 * Whether a revoked credential was revoked by its organization's withdrawal of the declaration,
 * not by the secretariat: both set the revocation bit, but only the second is a sanction, and the
 * public pages and badge images say which.
 */
export async function withdrawnByOrganization(repos: Pick<Repositories, 'declarations'>, credential: Pick<StoredCredential, 'subjectType' | 'subjectId'>): Promise<boolean> {
  return credential.subjectType === 'declaration' && (await repos.declarations.get(credential.subjectId))?.status === 'withdrawn';
}
