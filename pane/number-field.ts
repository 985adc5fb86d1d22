/**
 * The pane's number fields, in the display language's style: German types and reads "12,5",
 * English "12.5". A field is plain text (inputmode=decimal brings the number keypad), read here
 * rather than by the browser, whose type=number reading follows the browser's locale, not the
 * host's, and turned "12,50" into 1250 in the German pane. The other language's mark is accepted
 * when it can mean one thing only ("12.5" in German); "1.250" could be 1250 or 1,25, so it is
 * refused with both readings named instead of guessed.
 */
import { decimalStyle } from '../core/decimal-style.js';
import { type DecimalMark, parseNumber } from '../core/parse-number.js';
import { language } from './strings/language.js';

/** The decimal mark of the pane's language: ',' for German, '.' otherwise. */
export const decimalMark = (): DecimalMark => (language() === 'de' ? ',' : '.');

export type NumberRead =
  | { kind: 'blank' }
  | { kind: 'number'; value: number }
  | { kind: 'notANumber' }
  /** One mark before three digits: `readings` are its value with a decimal point and with a decimal comma. */
  | { kind: 'ambiguous'; readings: [number, number] };

/**
 * What a number field holds. A trailing "%" is allowed (the field's unit is percent already, so
 * "20 %" is 20). Example (German): "12,50" → 12.5; "12.5" → 12.5; "1.250" → ambiguous
 * [1.25, 1250]; "abc" → notANumber; "" → blank.
 */
export function readNumberField(text: string, mark: DecimalMark = decimalMark()): NumberRead {
  const s = text.trim().replace(/[\s\u00a0\u202f]*%$/, '');
  if (s === '') return { kind: text.trim() === '' ? 'blank' : 'notANumber' };
  const style = decimalStyle(s);
  if (style === 'either')
    return { kind: 'ambiguous', readings: [parseNumber(s, '.'), parseNumber(s, ',')] };
  const value = parseNumber(s, style === 'point' ? '.' : style === 'comma' ? ',' : mark);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'notANumber' };
}

/** The number typed, NaN for anything else (blank included): for fields already checked. */
export function fieldNumber(text: string): number {
  const r = readNumberField(text);
  return r.kind === 'number' ? r.value : NaN;
}

/**
 * A number as the pane shows it in a field or a message: the language's decimal mark, no
 * grouping (so it reads back as typed). Example (German): 12.5 → "12,5"; 1250 → "1250".
 */
export function showNumber(x: number): string {
  const s = String(x);
  return decimalMark() === ',' ? s.replace('.', ',') : s;
}

/** A number text the core formatted (English: "38,159,695", "3.2 %") in the pane's style: German swaps the marks ("38.159.695", "3,2 %"). */
export function localText(text: string): string {
  return decimalMark() === ',' ? text.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.')) : text;
}
