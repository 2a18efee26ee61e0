/**
 * Verifiable Presentation check: the holder's Data Integrity proof (authentication purpose,
 * with the verifier's challenge and domain), then every contained credential with the same
 * rules as a single credential.
 */
import * as vc from '@digitalbazaar/vc';
import type {
  PresentationVerificationOutcome,
  ProblemDetail,
  VerificationOutcome,
  VerifyOptions,
} from '../../ports/credentials.js';
import type { DocumentLoader } from './document-loader.js';
import { SPEC_PROBLEMS, problem } from './problems.js';

type Json = Record<string, unknown>;

function messages(error: unknown): string[] {
  if (!error) return [];
  if (Array.isArray(error)) return error.flatMap(messages);
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length) return nested.flatMap(messages);
  return [error instanceof Error ? error.message : String(error)];
}

function proofProblem(message: string): ProblemDetail {
  if (/challenge/i.test(message)) return problem(SPEC_PROBLEMS.invalidChallenge, 'Invalid challenge', message);
  if (/domain/i.test(message)) return problem(SPEC_PROBLEMS.invalidDomain, 'Invalid domain', message);
  return problem(SPEC_PROBLEMS.cryptographic, 'Invalid presentation proof', message);
}

export async function verifyPresentationWith({
  presentation,
  options,
  documentLoader,
  suite,
  verifyCredential,
  now,
}: {
  presentation: unknown;
  options: VerifyOptions & { challenge: string; domain?: string };
  documentLoader: DocumentLoader;
  suite: unknown;
  verifyCredential: (input: unknown, options: VerifyOptions) => Promise<VerificationOutcome>;
  now: () => Date;
}): Promise<PresentationVerificationOutcome> {
  if (!presentation || typeof presentation !== 'object' || Array.isArray(presentation)) {
    const detail = 'Expected a verifiable presentation object.';
    return { verified: false, checks: [], problemDetails: [problem(SPEC_PROBLEMS.parsing, 'Unparseable presentation', detail)], credentials: [] };
  }
  const vp = presentation as Json;
  const at = options.now ?? now();
  const problems: ProblemDetail[] = [];
  const checks: string[] = [];
  const holder = typeof vp.holder === 'string' ? vp.holder : undefined;

  let result: { presentationResult?: { verified: boolean; error?: unknown }; error?: unknown } = {};
  try {
    result = await vc.verify({
      presentation: vp,
      challenge: options.challenge,
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
      suite,
      documentLoader,
      now: at,
      // Credentials are judged below by the registry's own rules (status, dates, schema).
      checkStatus: async () => ({ verified: true }),
    });
  } catch (error) {
    result = { error };
  }
  if (result.presentationResult?.verified) {
    checks.push('presentationProof', 'challenge', ...(options.domain !== undefined ? ['domain'] : []));
  } else {
    const found = messages(result.presentationResult?.error ?? result.error);
    problems.push(...(found.length ? found : ['The presentation proof did not verify.']).map(proofProblem));
  }

  const proofs = (Array.isArray(vp.proof) ? vp.proof : [vp.proof]) as Json[];
  const signer = typeof proofs[0]?.verificationMethod === 'string' ? proofs[0].verificationMethod.split('#')[0] : undefined;
  if (holder !== undefined && signer !== holder) {
    problems.push(problem(SPEC_PROBLEMS.malformed, 'Holder mismatch', `The presentation is signed by "${signer ?? ''}", not its holder "${holder}".`));
  } else if (holder !== undefined) {
    checks.push('holder');
  }

  const contained = vp.verifiableCredential;
  const list = contained === undefined ? [] : Array.isArray(contained) ? contained : [contained];
  const credentials = await Promise.all(
    list.map((credential) =>
      verifyCredential(credential, { now: at, ...(options.statusLookup ? { statusLookup: options.statusLookup } : {}) }),
    ),
  );
  const verified = problems.length === 0 && credentials.every((c) => c.verified);
  return { verified, ...(holder ? { holder } : {}), checks, problemDetails: problems, credentials };
}
