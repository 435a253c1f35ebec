import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A column as `"table"."column"`. drizzle writes columns in a select list unqualified, so inside a correlated
 * subquery a bare column could bind to the subquery's own table: always qualify outer columns there.
 */
export function qualified(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
