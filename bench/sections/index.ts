/**
 * The benchmark's sections, in the order they run for each database. To add one (e.g. assessment
 * scoring, PDF generation): write `bench/sections/<name>.ts` exporting a `Section`
 * (`{ name, once?, run(ctx): Promise<Row[]> }`) and list it here. Rows are printed in the
 * per-database table and written to the JSON results; `ctx` has the seeded database, the running
 * app, signed-in users and the options (see ../lib/types.ts).
 */
import type { Section } from '../lib/types';
import { httpSection } from './http';
import { queriesSection } from './queries';
import { assessmentSection } from './assessment';
import { listsSection } from './lists';
import { uploadSection } from './upload';
import { processSection } from './process';
import { webSection } from './web';

export const SECTIONS: readonly Section[] = [httpSection, queriesSection, assessmentSection, listsSection, uploadSection, processSection, webSection];
