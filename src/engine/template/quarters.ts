import type { DataColumnRole } from './schema';

/**
 * The four quarter columns of a data sheet, Q1 to Q4: the one list of them. Apart from schema.ts so that the modules
 * that read and check a return import no zod (template/load.ts says why that matters).
 */
export const QUARTER_ROLES = ['q1', 'q2', 'q3', 'q4'] as const satisfies readonly DataColumnRole[];
