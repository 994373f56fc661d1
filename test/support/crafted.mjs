// Input crafted against the extractor, shared by the unit tests and the benchmark.

/**
 * 20,000 addresses whose case-folded hashes are all the same (local parts built from two blocks
 * that hash alike), against 20,000 ordinary ones of the same length: a page must not be able to
 * make the dedup table slow.
 */
export function collidingAddresses(count = 20_000) {
  const blocks = ['0c', 'na']; // read right to left, 'c0' and 'an' both add 3117 to h * 31^2
  const local = (n) => Array.from({ length: 15 }, (_, i) => blocks[(n >> i) & 1]).join('');
  const crafted = Array.from({ length: count }, (_, n) => `${local(n)}@partner.com`).join('\n');
  const ordinary = Array.from({ length: count }, (_, n) => `${n.toString(36).padStart(30, 'q')}@partner.com`).join(
    '\n',
  );
  return { crafted, ordinary };
}
