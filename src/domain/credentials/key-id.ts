/**
 * The key id a credential is stored and compared under: the fragment of the verification method
 * that signed it (the key file's id under did:web, the multibase key under did:key).
 */
export const keyIdOf = (verificationMethod: string): string => verificationMethod.split('#').pop()!;
