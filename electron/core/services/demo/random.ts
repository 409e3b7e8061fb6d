/**
 * The demo generator's randomness: one seeded PRNG that every choice comes from, and the ids it draws, so
 * that the same seed and `now` give identical rows, ids included.
 */
import { UUID } from 'uuidv7';

/** mulberry32: small, fast and good enough for believable data; never used for anything secret. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }

  /** exponential with the given mean */
  expo(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** a UUIDv7 for something that happened at `ms`, drawn from this PRNG so that ids are reproducible too */
  id(ms: number): string {
    return UUID.fromFieldsV7(ms0(ms), this.uint32() & 0xfff, this.uint32() & 0x3fffffff, this.uint32()).toString();
  }
}

function ms0(at: number): number {
  return Math.max(0, Math.floor(at));
}

/**
 * UUIDv7 ids for the generated rows, stamped with the moment of generation (`now`) like rows a CRM import
 * creates, and made strictly increasing by a counter in the 42 bits after the timestamp (RFC 9562,
 * method 1), with a random tail from the PRNG. Increasing ids append to the primary-key B-trees instead
 * of landing all over them: about twice as fast at 100,000 deals, and more as the tables outgrow the cache.
 */
export class ImportIds {
  private counter = 0;

  constructor(
    private readonly at: number,
    private readonly rng: Rng,
  ) {}

  next(): string {
    const n = this.counter++;
    return UUID.fromFieldsV7(
      ms0(this.at),
      Math.floor(n / 0x40000000) & 0xfff,
      n % 0x40000000,
      this.rng.uint32(),
    ).toString();
  }
}

/** Times are whole milliseconds (INTEGER columns would otherwise store a REAL). */
export function ms(at: number): number {
  return Math.round(at);
}
