// DOMAIN.md §16 (seed 004): first-contact resolution = 1 − repeat contacts / contacts, overall and
// per customer; the cost of repeat contacts and its share of the service cost.
import { describe, expect, it } from 'vitest';
import {
  firstContactResolution,
  serviceQuality,
  serviceQualityWords,
} from '../../core/service-quality.js';
import { DRIVERS } from '../../core/types.js';
import { customer, customers, expectMoney, run } from './builder.js';

const rates = (contacts: number, repeatContacts: number) =>
  Object.fromEntries(
    DRIVERS.map((d) => [
      d,
      d === 'contacts' ? contacts : d === 'repeatContacts' ? repeatContacts : 0,
    ]),
  ) as Record<(typeof DRIVERS)[number], number>;
const volumes = (contacts: number[] | null, repeats: number[] | null) =>
  DRIVERS.map((d) =>
    d === 'contacts' && contacts
      ? Float64Array.from(contacts)
      : d === 'repeatContacts' && repeats
        ? Float64Array.from(repeats)
        : null,
  );

describe('serviceQuality', () => {
  it('gives FCR, the cost of repeats and their share of the service cost (doc example)', () => {
    // 1,000 contacts, 250 repeats; 15 a contact, 25 a repeat: repeats cost 250 × 40 = 10,000
    // of 15,000 + 6,250 = 21,250 → 47 %
    const q = serviceQuality(volumes([600, 400], [200, 50]), rates(15, 25))!;
    expect(q.contacts).toBe(1000);
    expect(q.repeatContacts).toBe(250);
    expect(q.firstContactResolution).toBe(0.75);
    expect(q.repeatCost).toBe(10_000);
    expect(q.serviceCost).toBe(21_250);
    expectMoney(q.repeatShareOfServiceCost!, 10_000 / 21_250);
    expect(q.warning).toBeNull();
  });

  it('is null without both columns', () => {
    expect(serviceQuality(volumes([1], null), rates(15, 25))).toBeNull();
    expect(serviceQuality(volumes(null, [1]), rates(15, 25))).toBeNull();
  });

  it('has no share when service costs nothing, and warns when repeats exceed contacts', () => {
    const q = serviceQuality(volumes([2], [5]), rates(0, 0))!;
    expect(q.repeatShareOfServiceCost).toBeNull();
    expect(q.firstContactResolution).toBeNull();
    expect(q.warning).toMatch(/^repeat contacts \(5\) exceed contacts \(2\)/);
  });
});

describe('firstContactResolution', () => {
  it('is 1 − repeats / contacts; null without contacts', () => {
    expect(firstContactResolution(20, 5)).toBe(0.75);
    expect(firstContactResolution(0, 0)).toBeNull();
  });
});

describe('in the analysis', () => {
  it('reports it overall and per customer', () => {
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 500, contacts: 10, repeatContacts: 5 },
        B: { revenue: 1000, cogs: 500, contacts: 30, repeatContacts: 0 },
      }),
      { rates: { contacts: 15 } },
    );
    expect(a.service!.firstContactResolution).toBe(1 - 5 / 40);
    // repeats counted among contacts: 5 × 15 of 40 × 15
    expect(a.service!.repeatCost).toBe(75);
    expect(a.service!.repeatShareOfServiceCost).toBe(75 / 600);
    expect(customer(a, 'A').firstContactResolution).toBe(0.5);
    expect(customer(a, 'B').firstContactResolution).toBe(1);
  });

  it('is absent without repeat contacts', () => {
    const a = run(customers({ A: { revenue: 1000, cogs: 500, contacts: 10 } }));
    expect(a.service).toBeNull();
    expect(customer(a, 'A').firstContactResolution).toBeNull();
  });
});

describe('serviceQualityWords', () => {
  it('says why a repeat costs more than the repeat rate: it is also a service contact', () => {
    // 1,000 contacts, 250 repeats at 15 + 25 = 40 each → 10,000, 47 % of 21,250
    const q = serviceQuality(volumes([600, 400], [200, 50]), rates(15, 25))!;
    expect(serviceQualityWords(q, rates(15, 25))).toBe(
      'first-contact resolution 75 %; 250 repeat contacts cost 10,000 (each repeat is also a service contact: 15 + 25 = 40 each), 47 % of the service cost (typically 20 % or more; resolving first time saves it)',
    );
  });

  it('names only the contact rate when repeats have no rate of their own', () => {
    // 250 repeats × 15 = 3,750 of 15,000 → 25 %
    const q = serviceQuality(volumes([600, 400], [200, 50]), rates(15, 0))!;
    expect(serviceQualityWords(q, rates(15, 0))).toBe(
      'first-contact resolution 75 %; 250 repeat contacts cost 3,750 (each repeat is also a service contact: 15 each), 25 % of the service cost (typically 20 % or more; resolving first time saves it)',
    );
  });
});
