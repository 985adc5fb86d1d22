/// <reference types="custom-functions-runtime" />
/**
 * Registers every custom function of the one definition table (core/functions/definitions.ts)
 * with Excel, through the adapter of excel-functions.ts (Excel's calling conventions → the core's).
 */
import { FUNCTIONS } from '../core/functions/definitions.js';
import { excelFunction } from './excel-functions.js';

for (const f of FUNCTIONS) CustomFunctions.associate(f.id, excelFunction(f.impl));
