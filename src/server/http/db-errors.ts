/**
 * Database errors: which ones mean "the database is unreachable" (503, retry later), and what of an
 * error may be written to the log. A failed query's text and parameters never reach the log (they hold
 * e-mails, mobile numbers, credit codes and password hashes): the log gets a short hash of the statement,
 * its verb, the SQLSTATE and the constraint / table / column names.
 */
import { createHash } from 'node:crypto';
import { CONNECTION_MESSAGES, SOCKET_CODES, errorChain as chain, isDbUnavailable } from '../../db/client';

export { isDbUnavailable };

/** A PostgreSQL error code (five characters, e.g. 23505), from the error or its causes. */
export function sqlState(err: unknown): string | null {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !SOCKET_CODES.has(e.code)) return e.code;
  }
  return null;
}

/** A short, stable name for a statement: its verb and a hash of its text (the text may hold literals). */
export function statementName(sqlText: string): string {
  const verb = /^\s*(\w+)/.exec(sqlText)?.[1]?.toLowerCase() ?? 'sql';
  return `${verb}:${createHash('sha256').update(sqlText).digest('hex').slice(0, 12)}`;
}

const SAFE_DB_FIELDS = ['severity', 'constraint', 'table', 'column', 'dataType', 'routine', 'schema'] as const;

function stackFrames(stack: unknown): string[] | undefined {
  if (typeof stack !== 'string') return undefined;
  return stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).map((l) => l.trim());
}

export interface SafeErrorLog {
  type: string;
  message?: string;
  statement?: string;
  sqlstate?: string;
  code?: string;
  stack?: string[];
  [field: string]: unknown;
}

/**
 * What of an error may be logged. For a database error: the statement's name, SQLSTATE, constraint /
 * table / column and the stack frames — never the query text, parameters, the server's message or detail
 * (they quote values: "Key (mobile)=(…) already exists", "invalid input syntax …: \"…\"").
 * Other errors keep their message and stack frames.
 */
export function safeErrorLog(err: unknown): SafeErrorLog {
  const links = chain(err);
  const top = links[0];
  const type = err instanceof Error ? err.constructor.name : typeof err;
  if (!top) return { type };
  const queryText = links.map((e) => (e as { query?: unknown }).query).find((q): q is string => typeof q === 'string');
  const state = sqlState(err);
  const socketCode = links.map((e) => e.code).find((c): c is string => typeof c === 'string' && SOCKET_CODES.has(c));
  const isDb = queryText !== undefined || state !== null || socketCode !== undefined || isDbUnavailable(err);
  const out: SafeErrorLog = { type, stack: stackFrames((top as { stack?: unknown }).stack) };
  if (!isDb) {
    if (typeof top.message === 'string') out.message = top.message;
    if (typeof top.code === 'string') out.code = top.code;
    return out;
  }
  if (queryText !== undefined) out.statement = statementName(queryText);
  if (state) out.sqlstate = state;
  if (socketCode) out.code = socketCode;
  for (const e of links) {
    for (const f of SAFE_DB_FIELDS) {
      const v = (e as Record<string, unknown>)[f];
      if (typeof v === 'string' && out[f] === undefined) out[f] = v;
    }
  }
  // pg's own connection messages hold no values; the server's messages may.
  const connMessage = links.map((e) => e.message).find((m): m is string => typeof m === 'string' && CONNECTION_MESSAGES.some((re) => re.test(m)));
  if (connMessage) out.message = connMessage;
  return out;
}
