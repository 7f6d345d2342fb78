import { createHash } from 'node:crypto';
import { fold, words } from '../classifiers/index.ts';

/** Exact-content key: the same words in the same order, whatever the markup, case or diacritics. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256')
    .update(words(`${title} ${text}`).map(fold).join(' '))
    .digest('hex');
}

/** Two independent 32-bit hashes of a string (FNV-1a, and FNV-1a with a murmur finaliser on another seed). */
function hash2(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}

/**
 * 64-bit SimHash over word 3-shingles of the accent-free text, as a signed decimal (a Postgres bigint).
 * Copies of one story with small edits land a few bits apart; unrelated texts about 32.
 */
export function simhash(text: string): string {
  const tokens = words(text).map(fold);
  const counts = new Int32Array(64);
  const n = Math.max(1, tokens.length - 2);
  for (let i = 0; i < n; i++) {
    const [lo, hi] = hash2(tokens.slice(i, i + 3).join(' '));
    for (let bit = 0; bit < 32; bit++) {
      counts[bit]! += (lo >>> bit) & 1 ? 1 : -1;
      counts[bit + 32]! += (hi >>> bit) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (counts[bit]! > 0) lo |= 1 << bit;
    if (counts[bit + 32]! > 0) hi |= 1 << bit;
  }
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString();
}

/** Differing bits between two SimHashes. */
export function hamming(a: string, b: string): number {
  let x = BigInt.asUintN(64, BigInt(a) ^ BigInt(b));
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}
