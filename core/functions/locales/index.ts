/** Every translation of the worksheet functions' metadata; the build writes one functions.json each. */
import type { FunctionLocale } from '../function-locale.js';
import { DE } from './de.js';

export const FUNCTION_LOCALES: readonly FunctionLocale[] = [DE];
