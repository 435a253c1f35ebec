import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { isConnectionReset, isRetryableRead } from '../../db/client';
import { isDbUnavailable, safeErrorLog, sqlState, statementName } from './db-errors';

function pgError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`server says: Key (mobile)=(13800000001) already exists`), { code, ...extra });
}

describe('database error classes', () => {
  it('recognises pg and PGlite outages, wrapped or not', () => {
    const refused = new AggregateError([Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })], '');
    for (const e of [
      refused,
      new DrizzleQueryError('select 1', [], refused),
      pgError('57P01'),
      pgError('57P03'),
      pgError('08006'),
      pgError('53300'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('PGlite is closed'),
    ]) {
      expect(isDbUnavailable(e), String(e)).toBe(true);
    }
    for (const e of [pgError('23505'), pgError('22P02'), new Error('Invalid time value'), null, 'x']) {
      expect(isDbUnavailable(e)).toBe(false);
    }
    expect(isConnectionReset(new DrizzleQueryError('select 1', [], pgError('57P01')))).toBe(true);
    expect(isConnectionReset(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(false);
  });

  it('retries only plain reads', () => {
    expect(isRetryableRead('select "id", "updated_at" from "projects" where "id" = $1')).toBe(true);
    expect(isRetryableRead('  SELECT 1')).toBe(true);
    for (const q of ['insert into x values ($1)', 'update x set a = 1', 'with a as (delete from x returning *) select * from a', 'select * from x for update', "select nextval('s')", 'select pg_advisory_xact_lock(1)']) {
      expect(isRetryableRead(q), q).toBe(false);
    }
  });

  it('describes a failed query without its text, parameters, message or detail', () => {
    const cause = pgError('23505', { constraint: 'users_mobile_unique', table: 'users', detail: 'Key (mobile)=(13800000001) already exists.', severity: 'ERROR' });
    const err = new DrizzleQueryError('insert into "users" ("mobile", "password_hash") values ($1, $2)', ['13800000001', '$argon2id$v=19$xyz'], cause);
    const logged = safeErrorLog(err);
    expect(logged).toMatchObject({ sqlstate: '23505', constraint: 'users_mobile_unique', table: 'users', statement: statementName('insert into "users" ("mobile", "password_hash") values ($1, $2)') });
    expect(logged.statement).toMatch(/^insert:[0-9a-f]{12}$/);
    const text = JSON.stringify(logged);
    expect(text).not.toContain('13800000001');
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('password_hash');
    expect(sqlState(err)).toBe('23505');
    expect(sqlState(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBeNull();
    // Other errors keep their message.
    expect(safeErrorLog(new TypeError('x is not a function'))).toMatchObject({ type: 'TypeError', message: 'x is not a function' });
  });
});
