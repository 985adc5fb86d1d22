/**
 * Median in O(n) by quickselect (Hoare's FIND), so a million customers need no full sort.
 * Even counts average the two middle values. Empty input → NaN.
 * Example: `median(Float64Array.of(3, 1, 2, 10))` → 2.5.
 */
export function median(values: Float64Array): number {
  return medianInPlace(Float64Array.from(values));
}

/** The same, reordering `a` instead of copying it (for scratch arrays on hot paths). */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const hi = select(a, n >> 1);
  if (n % 2) return hi;
  let lo = -Infinity; // the largest value left of the middle, after partitioning
  for (let i = 0; i < n >> 1; i++) if (a[i] > lo) lo = a[i];
  return (lo + hi) / 2;
}

/** Puts the k-th smallest value at a[k], smaller ones before it; returns it. */
function select(a: Float64Array, k: number): number {
  let left = 0,
    right = a.length - 1;
  while (right > left) {
    // median of three as pivot keeps sorted and reversed input linear
    const mid = (left + right) >>> 1;
    const pivot = Math.max(
      Math.min(a[left], a[mid]),
      Math.min(Math.max(a[left], a[mid]), a[right]),
    );
    let i = left,
      j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}
