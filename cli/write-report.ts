import type { Analysis } from '../core/analyze.js';
import { UserError } from './user-error.js';
export async function writeReport(_a: Analysis, _path: string): Promise<void> { throw new UserError('--out is not available yet'); }
