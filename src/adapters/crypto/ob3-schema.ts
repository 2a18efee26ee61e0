/**
 * Validates credentials against the 1EdTech Open Badges 3.0 AchievementCredential JSON Schema,
 * with credentialStatus also allowed as an array (VC 2.0 allows several; the registry needs two).
 * The validator is generated ahead of time by Ajv (npm run schemas:compile), so nothing is
 * compiled at run time and it runs on Workers.
 */
import { validate } from './generated/ob3-achievement-credential.js';

export interface SchemaCheck {
  valid: boolean;
  /** "instancePath: message" lines; the first failure found. */
  errors: string[];
}

export function checkOb3Schema(credential: unknown): SchemaCheck {
  if (validate(credential)) return { valid: true, errors: [] };
  return { valid: false, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`) };
}
