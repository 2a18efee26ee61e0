/**
 * A value VC 2.0 §4.6 allows for "name" and "description": a string, a language value object
 * ({"@value": "…", "@language"?: "ja"}), or a list of language value objects (one per language).
 */
const isLanguageValue = (value: unknown) =>
  !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as Record<string, unknown>)['@value'] === 'string';

export function isNaturalLanguageValue(value: unknown): boolean {
  return typeof value === 'string' || isLanguageValue(value) || (Array.isArray(value) && value.length > 0 && value.every(isLanguageValue));
}
