/**
 * An absolute URL as VC 2.0 means one (§4.4: "id" MUST be a URL; §4.7 issuer): any scheme, a
 * URN (urn:uuid:…) or a DID included, no whitespace. A relative reference ("credential-42",
 * "#me") is not one: JSON-LD would resolve it against a base the credential does not have.
 */
export function isAbsoluteUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
