import type { ErrorObject } from 'ajv';

/** The Open Badges 3.0 AchievementCredential schema check (generated; see src/cli/compile-ob3-schema.ts). */
export declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
