/**
 * 同名企业: one company name registered by two enterprises under two credit codes. The bureau is told (a flag on
 * the list row and the project), nothing is blocked: a name can be shared legitimately (a branch, a rename), and
 * the bureau decides.
 *
 * Names are compared normalised: full-width brackets as half-width, spaces (ASCII and full-width) removed, Latin
 * letters lower-cased. The expression is written exactly as the expression index `organizations_enterprise_name_idx`
 * in schema.ts, so the lookup per row is an index probe.
 */
import { sql, type SQL } from 'drizzle-orm';
import { qualified } from '../../../db/sql';
import { projects } from '../../../db/schema';

/** The SQL of the normalised name (constants inline, so the planner matches the index expression). */
export function normalisedName(column: SQL): SQL {
  return sql`lower(translate(${column}, ${sql.raw("'（）\u3000 '")}, ${sql.raw("'()'")}))`;
}

function others(): SQL {
  const name = normalisedName(qualified(projects.enterpriseName));
  return sql`from organizations o2 where o2.type = 'enterprise' and ${normalisedName(sql`o2.name`)} = ${name} and o2.id <> ${qualified(projects.enterpriseId)} and o2.uscc is not null and o2.uscc <> ${qualified(projects.uscc)}`;
}

/** The credit codes of the other enterprises registered under the project's enterprise name (a JSON array). */
export function sameNameUsccsColumn(): SQL<string[]> {
  return sql<string[]>`coalesce((select json_agg(o2.uscc order by o2.uscc) ${others()}), '[]'::json)`;
}

/** Row filter: the project's enterprise name is registered by another enterprise too. */
export function hasSameNameEnterprise(): SQL {
  return sql`exists (select 1 ${others()})`;
}
