/**
 * A short reference written into every request's description ("Capture reference: SC-7F3K9Q").
 * When a create call's outcome is unknown (connection dropped after the portal committed it),
 * the outbox searches the user's requests for this reference instead of filing a duplicate.
 */

/** No 0/O, 1/I/L or U: easy to read aloud and to type. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;

type RandomSource = (bytes: Uint8Array) => Uint8Array;

const cryptoRandom: RandomSource = (bytes) => crypto.getRandomValues(bytes);

/** A fresh random reference, e.g. `SC-7F3K9Q` (30^6 ≈ 7·10^8 values). */
export function newCaptureReference(random: RandomSource = cryptoRandom): string {
  const size = REFERENCE_ALPHABET.length;
  // Reject bytes above the largest multiple of 30 so every letter is equally likely.
  const limit = 256 - (256 % size);
  let out = '';
  while (out.length < LENGTH) {
    for (const byte of random(new Uint8Array(LENGTH * 2))) {
      if (byte < limit && out.length < LENGTH) out += REFERENCE_ALPHABET[byte % size];
    }
  }
  return `SC-${out}`;
}

export function captureReferenceLine(reference: string): string {
  return `Capture reference: ${reference}`;
}
