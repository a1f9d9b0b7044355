import { describe, expect, it } from 'vitest';
import { connectionReason, databaseAddress } from './database-address.js';

describe('databaseAddress', () => {
  it('keeps user, host, port and database, and drops the password and the query', () => {
    expect(databaseAddress('postgres://genhub:s3cret@db.internal:5432/genhub?sslmode=require')).toBe(
      'postgres://genhub@db.internal:5432/genhub',
    );
    expect(databaseAddress('postgresql://db.internal/genhub')).toBe('postgres://db.internal/genhub');
  });

  it('refuses anything that is not a postgres:// URL in one sentence', () => {
    for (const bad of ['mysql://x/y', 'not a url', '']) {
      expect(() => databaseAddress(bad)).toThrow(/^GENHUB_DATABASE_URL is not a postgres:\/\/ URL; /);
    }
  });
});

describe('connectionReason', () => {
  it('says in words what pg reports as codes', () => {
    expect(connectionReason({ code: 'ECONNREFUSED' })).toBe('the connection was refused');
    expect(connectionReason({ code: '28P01', message: 'password authentication failed' })).toBe(
      'the user name or password was not accepted',
    );
    expect(connectionReason({ code: '3D000' })).toBe('the database does not exist');
    expect(connectionReason({ message: 'something\n  else' })).toBe('something else');
    expect(connectionReason(undefined)).toBe('unknown error');
  });
});
