/**
 * Bitstring Status List v1.0: a GZIP-compressed bitstring in multibase base64url ("u…").
 * Index 0 is the most significant bit of the first byte. Web Streams only, so it runs on Workers.
 */
import { base64urlDecode, base64urlEncode } from '../../domain/encoding.js';

/** The spec's minimum list size (16 KiB), for herd privacy. */
export const STATUS_LIST_LENGTH = 131_072;

export interface StatusBits {
  readonly length: number;
  isSet(index: number): boolean;
}

async function pipe(bytes: Uint8Array<ArrayBuffer>, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Encodes a list with the given indexes set to 1. */
export async function encodeStatusList(
  setIndexes: Iterable<number>,
  length: number = STATUS_LIST_LENGTH,
): Promise<string> {
  if (!Number.isInteger(length) || length < STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(`Status list length must be a multiple of 8 and at least ${STATUS_LIST_LENGTH}.`);
  }
  const bits = new Uint8Array(length / 8);
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= length) {
      throw new RangeError(`Status list index ${index} is outside 0..${length - 1}.`);
    }
    bits[index >> 3]! |= 0x80 >> (index & 7);
  }
  return 'u' + base64urlEncode(await pipe(bits, new CompressionStream('gzip')));
}

/** Decodes an encodedList; throws on a malformed value or a list shorter than the minimum. */
export async function decodeStatusList(encoded: string): Promise<StatusBits> {
  if (!encoded.startsWith('u')) throw new TypeError('encodedList must be multibase base64url ("u…").');
  const bits = await pipe(base64urlDecode(encoded.slice(1)), new DecompressionStream('gzip'));
  const length = bits.length * 8;
  if (length < STATUS_LIST_LENGTH) {
    throw new RangeError(`Status list has ${length} entries; the minimum is ${STATUS_LIST_LENGTH}.`);
  }
  return {
    length,
    isSet(index) {
      if (!Number.isInteger(index) || index < 0 || index >= length) {
        throw new RangeError(`Status list index ${index} is outside 0..${length - 1}.`);
      }
      return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
    },
  };
}
