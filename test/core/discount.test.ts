// DOMAIN.md §1a: a discount column of percent cells, or of numbers all in [0, 1), is a rate
// (revenue is net of it: money = revenue × d / (1 − d); d ≥ 1 rejects the row); otherwise money.
// Transaction rows sum per customer; the discount never changes gross profit.
import { describe, expect, it } from 'vitest';
import { discountKind, discountMoney } from '../../core/discount.js';
import { customer, expectMoney, rejectedRow, run, transactions } from './builder.js';

describe('discountKind', () => {
  it('reads percent cells and numbers in [0, 1) as a rate, anything else as money', () => {
    expect(discountKind(['20%', 0.05, '', null], '.')).toBe('rate');
    expect(discountKind([0, 0.5, 0.999], '.')).toBe('rate');
    expect(discountKind([12.5, 0.5], '.')).toBe('money');
    expect(discountKind(['$12.50', '$0.50'], '.')).toBe('money');
    expect(discountKind(['0,25'], ',')).toBe('rate');
    expect(discountKind(['n/a', 0.1], '.')).toBe('rate'); // an unreadable cell does not vote
  });
});

describe('discountMoney', () => {
  it('turns a rate into money on the net revenue (doc example)', () => {
    // revenue 80 after 20 %: the list price was 100, the discount 20
    expect(discountMoney('20%', 'rate', 80, '.')).toBeCloseTo(20, 12);
    expect(discountMoney(0.2, 'rate', 80, '.')).toBeCloseTo(20, 12);
    expect(discountMoney('', 'rate', 80, '.')).toBe(0);
  });

  it('keeps money as it is', () => {
    expect(discountMoney('$12.50', 'money', 80, '.')).toBe(12.5);
    expect(discountMoney(7, 'money', 80, '.')).toBe(7);
  });

  it('refuses a rate of 100 % or more, a negative rate, and text', () => {
    expect(discountMoney('100%', 'rate', 80, '.')).toBe(
      'a discount rate of 100 % leaves no net revenue (must be below 100 %)',
    );
    expect(discountMoney('-5%', 'rate', 80, '.')).toBe('a discount rate of -5 % is negative');
    expect(typeof discountMoney('lots', 'money', 80, '.')).toBe('string');
    expect(discountMoney('5%', 'money', 80, '.')).toBe(
      '"5%" is a percent in a discount column of money',
    );
  });
});

describe('in the analysis', () => {
  const rows = (discounts: (string | number)[]) => {
    const t = transactions([
      { customer: 'A', revenue: 90, cogs: 50 },
      { customer: 'A', revenue: 80, cogs: 40 },
      { customer: 'B', revenue: 100, cogs: 60 },
    ]);
    t[0].push('Discount %');
    discounts.forEach((d, i) => {
      t[i + 1].push(d);
    });
    return t;
  };

  it('sums a rate column per customer in money, and leaves gross profit alone', () => {
    // A: 90 × .1 / .9 = 10, 80 × .2 / .8 = 20 → 30; B: 0
    const a = run(rows(['10%', '20%', '']));
    expect(a.input.mapping.discount).toBe('Discount %');
    expectMoney(customer(a, 'A').discount!, 30);
    expect(customer(a, 'B').discount).toBe(0);
    expectMoney(customer(a, 'A').grossProfit, 80);
  });

  it('rejects a row whose rate leaves no net revenue, naming the cell', () => {
    const a = run(rows(['10%', '100%', '5%']));
    expect(rejectedRow(a, 3)).toMatchObject({
      column: 'Discount %',
      reason: 'a discount rate of 100 % leaves no net revenue (must be below 100 %)',
    });
    expectMoney(customer(a, 'A').discount!, 10);
  });

  it('sums a money column as it is', () => {
    const a = run(rows([5, 7.5, 12]));
    expectMoney(customer(a, 'A').discount!, 12.5);
  });

  it('is null without a discount column', () => {
    const a = run(transactions([{ customer: 'A', revenue: 90, cogs: 50 }]));
    expect(customer(a, 'A').discount).toBeNull();
  });
});
