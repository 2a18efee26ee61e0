/**
 * The WebAuthn relying party (passkeys): makes the options a browser passes to
 * navigator.credentials.create()/get() and checks what the authenticator answered. The domain
 * only sees plain JSON and verdicts; the library (@simplewebauthn/server) stays in the adapter.
 * Verifying untrusted input never throws: it returns `{ ok: false, reason }`.
 */
export interface RegisteredCredential {
  /** The credential id, base64url. */
  id: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
}

export type RegistrationVerdict = { ok: true; credential: RegisteredCredential } | { ok: false; reason: string };
export type AuthenticationVerdict = { ok: true; newCounter: number } | { ok: false; reason: string };

export interface WebAuthnRelyingParty {
  /** Options for navigator.credentials.create(); `challenge` is what verifyRegistration must see again. */
  registrationOptions(input: {
    /** The WebAuthn user handle: the account id (never personal data). */
    userId: string;
    userName: string;
    userDisplayName: string;
    /** The account's passkeys already registered, so the same authenticator is not registered twice. */
    exclude: { id: string; transports: string[] }[];
  }): Promise<{ options: unknown; challenge: string }>;
  verifyRegistration(input: { response: unknown; expectedChallenge: string }): Promise<RegistrationVerdict>;
  /** Options for navigator.credentials.get() with discoverable credentials (no allowCredentials). */
  authenticationOptions(): Promise<{ options: unknown; challenge: string }>;
  verifyAuthentication(input: { response: unknown; expectedChallenge: string; credential: RegisteredCredential }): Promise<AuthenticationVerdict>;
}
