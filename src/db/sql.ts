import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A column as `"table"."column"`. drizzle writes columns in a select list unqualified, so inside a correlated
 * subquery a bare column could bind to the subquery's own table: always qualify outer columns there.
 */
export function qualified(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/** A `%term%` pattern for ILIKE with the term's own `%`, `_` and `\` matched literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The total of a paginated list: a first page that is not full is the whole list, so the count query
 * (the costliest statement of a list) runs only when it can tell something.
 */
export async function pageTotal(page: number, pageSize: number, rowsOnPage: number, countRows: () => Promise<number>): Promise<number> {
  return page === 1 && rowsOnPage < pageSize ? rowsOnPage : countRows();
}
