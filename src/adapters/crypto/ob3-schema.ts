/**
 * Validates credentials against the 1EdTech Open Badges 3.0 AchievementCredential JSON Schema,
 * with credentialStatus also allowed as an array (VC 2.0 allows several; the registry needs two).
 * The validator is generated ahead of time by Ajv (npm run schemas:compile), so nothing is
 * compiled at run time and it runs on Workers.
 */
import { validate } from './generated/ob3-achievement-credential.js';
import { isDeeplyFrozen } from './deep-freeze.js';

export interface SchemaCheck {
  valid: boolean;
  /** "instancePath: message" lines; the first failure found. */
  errors: string[];
}

/** Results for deeply frozen credentials (decoded-jwt-memo.ts), which cannot change: checked once. */
const frozenChecked = new WeakMap<object, SchemaCheck>();

export function checkOb3Schema(credential: unknown): SchemaCheck {
  const frozen = isDeeplyFrozen(credential);
  const known = frozen ? frozenChecked.get(credential) : undefined;
  if (known) return known;
  const result: SchemaCheck = validate(credential)
    ? { valid: true, errors: [] }
    : { valid: false, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`) };
  if (frozen) frozenChecked.set(credential, result);
  return result;
}
