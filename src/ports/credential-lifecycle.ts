import type { Award, Declaration, Organization } from '../domain/model.js';
import type { WriteOp } from './store.js';

/**
 * Lets credential issuance and status-list bits ride in the same atomic batch as the state
 * change that causes them: the use case asks for the extra ops before it commits.
 */
export interface CredentialLifecycle {
  forDeclaration(change: { before: Declaration | null; after: Declaration; organization: Organization }): Promise<WriteOp[]>;
  forAward(change: { before: Award | null; after: Award; organization: Organization }): Promise<WriteOp[]>;
  /** The credentials issued for a declaration or an award, newest first. */
  listFor(subject: { type: 'declaration' | 'award'; id: string }): Promise<{ id: string; verificationUrl: string; status: string }[]>;
  /** The content versions a declaration's credentials were issued for (what the public was shown: publishedVersionOf). */
  issuedVersions(declarationId: string): Promise<number[]>;
}

export const noCredentials: CredentialLifecycle = {
  forDeclaration: async () => [],
  forAward: async () => [],
  listFor: async () => [],
  issuedVersions: async () => [],
};
