/**
 * Validates credentials against the 1EdTech Open Badges 3.0 AchievementCredential JSON Schema,
 * with @cfworker/json-schema (no code generation, so it runs on Workers).
 *
 * One documented relaxation: `credentialStatus` may also be an ARRAY of status entries. VC 2.0
 * allows several, and the registry needs two (revocation and suspension, as the DCC stack does);
 * the 1EdTech schema allows a single object. Everything else is the schema as published.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import achievementCredentialSchema from '../../../schemas/ob3/achievementcredential.schema.json' with { type: 'json' };

function withCredentialStatusArray(schema: Schema): Schema {
  const relaxed = structuredClone(schema) as Schema & { properties: Record<string, Schema> };
  const single = relaxed.properties.credentialStatus!;
  relaxed.properties.credentialStatus = {
    oneOf: [single, { type: 'array', minItems: 1, items: single }],
  };
  return relaxed;
}

export interface SchemaCheck {
  valid: boolean;
  /** "instanceLocation: error" lines, most specific first. */
  errors: string[];
}

/**
 * Returns a validator. `cacheKey` (the exact bytes the credential came from, e.g. the JWT payload
 * segment) memoises the verdict: validation is a pure function of those bytes (~170 µs saved).
 */
export function createOb3SchemaValidator({
  relaxCredentialStatus = true,
  cacheSize = 1000,
}: { relaxCredentialStatus?: boolean; cacheSize?: number } = {}) {
  const schema = achievementCredentialSchema as unknown as Schema;
  const validator = new Validator(relaxCredentialStatus ? withCredentialStatusArray(schema) : schema, '2019-09', false);
  const verdicts = new Map<string, SchemaCheck>();
  return (credential: unknown, cacheKey?: string): SchemaCheck => {
    const known = cacheKey === undefined ? undefined : verdicts.get(cacheKey);
    if (known) return known;
    const result = validator.validate(credential);
    const check = {
      valid: result.valid,
      errors: result.errors.map((e) => `${e.instanceLocation}: ${e.error}`).reverse(),
    };
    if (cacheKey !== undefined && cacheSize > 0) {
      if (verdicts.size >= cacheSize) verdicts.delete(verdicts.keys().next().value!);
      verdicts.set(cacheKey, check);
    }
    return check;
  };
}
