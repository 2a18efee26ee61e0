/**
 * A software WebAuthn authenticator for HTTP-level tests: what a platform authenticator and the
 * browser together hand to the relying party (attestation "none", ES256, discoverable
 * credentials), built by hand from the WebAuthn Level 2 byte layouts. It is the outside world's
 * part (the person's device), not one of ours; the real-browser test uses Chromium's virtual
 * authenticator instead.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const b64u = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/** Minimal CBOR (RFC 8949): unsigned and negative integers, byte and text strings, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, length: number) => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
    if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(length, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new TypeError(`cbor: unsupported ${typeof value}`);
}

interface StoredCredential {
  id: Buffer;
  privateKey: KeyObject;
  cose: Buffer;
  rpId: string;
  userHandle: string;
  counter: number;
}

export interface SoftAuthenticator {
  /** What navigator.credentials.create() + toJSON() would give for these options. */
  create(options: any, overrides?: { origin?: string; type?: string }): Record<string, unknown>;
  /** What navigator.credentials.get() + toJSON() would give, with the first (or the given) credential. */
  get(options: any, overrides?: { credentialId?: string; origin?: string; counter?: number; signWith?: KeyObject; flags?: number }): Record<string, unknown>;
  credentialIds(): string[];
}

/** `origin` is the page's origin as the browser would report it in clientDataJSON. */
export function softAuthenticator(origin: string): SoftAuthenticator {
  const stored: StoredCredential[] = [];
  const clientData = (type: string, challenge: string, o: string) => Buffer.from(JSON.stringify({ type, challenge, origin: o, crossOrigin: false }));
  const counterBytes = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const UP_UV = 0x01 | 0x04;

  return {
    create(options, overrides = {}) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const cose = cbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]));
      const id = randomBytes(32);
      const rpId: string = options.rp.id;
      const credential: StoredCredential = { id, privateKey, cose, rpId, userHandle: options.user.id, counter: 0 };
      const authData = Buffer.concat([
        sha256(rpId), Buffer.from([UP_UV | 0x40]), counterBytes(0),
        Buffer.alloc(16), Buffer.from([id.length >> 8, id.length & 0xff]), id, cose,
      ]);
      const attestationObject = cbor(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
      stored.push(credential);
      return {
        id: b64u(id), rawId: b64u(id), type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {},
        response: {
          clientDataJSON: b64u(clientData(overrides.type ?? 'webauthn.create', options.challenge, overrides.origin ?? origin)),
          attestationObject: b64u(attestationObject),
          transports: ['internal'],
        },
      };
    },

    get(options, overrides = {}) {
      const credential = overrides.credentialId ? stored.find((c) => b64u(c.id) === overrides.credentialId) : stored[0];
      if (!credential) throw new Error('no credential');
      credential.counter = overrides.counter ?? credential.counter + 1;
      const authData = Buffer.concat([sha256(options.rpId ?? credential.rpId), Buffer.from([overrides.flags ?? UP_UV]), counterBytes(credential.counter)]);
      const data = clientData('webauthn.get', options.challenge, overrides.origin ?? origin);
      const signature = sign('sha256', Buffer.concat([authData, sha256(data)]), overrides.signWith ?? credential.privateKey);
      return {
        id: b64u(credential.id), rawId: b64u(credential.id), type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {},
        response: { clientDataJSON: b64u(data), authenticatorData: b64u(authData), signature: b64u(signature), userHandle: credential.userHandle },
      };
    },

    credentialIds: () => stored.map((c) => b64u(c.id)),
  };
}

/** A fresh P-256 key, to sign an assertion with the wrong key. */
export const strangerKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
