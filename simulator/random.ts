/**
 * Seeded randomness, so that every scenario (uids, generated names, fault points) replays exactly.
 * mulberry32: tiny, fast, and good enough for test data (not for anything secret).
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** A version-4-shaped UUID, as the API server assigns to metadata.uid. */
export function randomUid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(random() * 4) + 8) as number).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** apimachinery's utilrand.String alphabet: no vowels, no confusable characters. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A generated-name suffix such as the `x2k8p` in `web-7d4f9c8b5-x2k8p`. */
export function nameSuffix(random: Random, length = 5): string {
  return Array.from({ length }, () => NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)]).join('');
}

/** A pod-template-hash / controller-revision-hash: 8–10 characters of the same alphabet. */
export function templateHash(random: Random): string {
  return nameSuffix(random, randomInt(random, 9, 10));
}

export function hexString(random: Random, length: number): string {
  return Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
}
