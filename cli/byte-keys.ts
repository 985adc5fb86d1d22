/**
 * Byte spans → ids: open addressing keyed by the bytes themselves, so a key seen before costs no
 * JavaScript string. The index keeps its own copy of each distinct key's bytes (an arena), so the
 * buffer a span points into may be reused afterwards (the streamed reader's chunks).
 */
export class ByteKeys {
  private slots: Int32Array;
  private mask: number;
  private arena: Uint8Array;
  private used = 0;
  private start: Int32Array;
  private length: Int32Array;
  private id: Int32Array;
  private hashes: Int32Array;
  size = 0;
  /** The hash `find` computed for the bytes it did not find, for the `add` that follows. */
  private lastHash = 0;

  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap <<= 1;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    const n = Math.max(16, expected);
    this.arena = new Uint8Array(n * 8);
    this.start = new Int32Array(n);
    this.length = new Int32Array(n);
    this.id = new Int32Array(n);
    this.hashes = new Int32Array(n);
  }

  /** The id of `bytes[s…e)`, or -1 when those bytes are new. */
  find(bytes: Uint8Array, s: number, e: number): number {
    const h = hashBytes(bytes, s, e),
      arena = this.arena,
      len = e - s;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = this.slots[slot];
      if (v === 0) {
        this.lastHash = h;
        return -1;
      }
      if (this.hashes[v - 1] !== (h | 0) || this.length[v - 1] !== len) continue;
      const a = this.start[v - 1];
      let same = true;
      for (let i = 0; i < len; i++)
        if (arena[a + i] !== bytes[s + i]) {
          same = false;
          break;
        }
      if (same) return this.id[v - 1];
    }
  }

  /** Adds the bytes `find` just said are new (-1), with their id. */
  add(bytes: Uint8Array, s: number, e: number, id: number): void {
    const len = e - s;
    if (this.used + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      a.set(this.arena.subarray(0, this.used));
      this.arena = a;
    }
    if (this.size === this.start.length) {
      const grow = (a: Int32Array) => {
        const g = new Int32Array(a.length * 2);
        g.set(a);
        return g;
      };
      this.start = grow(this.start);
      this.length = grow(this.length);
      this.id = grow(this.id);
      this.hashes = grow(this.hashes);
    }
    // a loop, not set(subarray): keys are short, and a view per key is garbage
    const arena = this.arena,
      at = this.used;
    for (let i = 0; i < len; i++) arena[at + i] = bytes[s + i];
    this.start[this.size] = this.used;
    this.length[this.size] = len;
    this.used += len;
    this.id[this.size] = id;
    this.hashes[this.size] = this.lastHash;
    this.size++;
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.size - 1, this.slots, this.mask);
  }

  /** The keys' bytes, in the order added: key i is arena[start[i] … start[i] + length[i]). */
  spans(): { arena: Uint8Array; start: Int32Array; length: Int32Array; size: number } {
    return {
      arena: this.arena.subarray(0, this.used),
      start: this.start.subarray(0, this.size),
      length: this.length.subarray(0, this.size),
      size: this.size,
    };
  }

  private place(i: number, slots: Int32Array, mask: number): void {
    let slot = this.hashes[i] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }

  private rehash(cap: number): void {
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < this.size; i++) this.place(i, this.slots, this.mask);
  }
}

/** FNV-1a over bytes. */
function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}
