import { base64urlEncode, sha256Hex } from '../encoding.js';

/** 256 random bits, base64url: session ids, invitation tokens, sign-in flow ids, CSRF tokens. */
export const randomSecret = () => base64urlEncode(crypto.getRandomValues(new Uint8Array(32)));

/** What the database keeps of a secret: its SHA-256 (the secrets are random, so no salt is needed). */
export const secretHash = (secret: string) => sha256Hex(secret);
