import { Redactor, silentLogger } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from './memory-logger.js';

describe('createMemoryLogger', () => {
  it('captures redacted lines with child bindings merged into fields', () => {
    const { logger, lines } = createMemoryLogger({ redactor: new Redactor(['hunter22-secret']) });
    logger.child({ plugin: 'x' }).warn('using hunter22-secret', { apiKey: 'k', n: 1 });
    expect(lines).toEqual([
      { level: 'warn', message: 'using [REDACTED]', fields: { plugin: 'x', apiKey: '[REDACTED]', n: 1 } },
    ]);
  });

  it('drops lines below its level', () => {
    const { logger, lines } = createMemoryLogger({ level: 'warn' });
    logger.info('no');
    logger.error('yes');
    expect(lines.map((l) => l.message)).toEqual(['yes']);
    expect(logger.isLevelEnabled?.('info')).toBe(false);
    expect(logger.isLevelEnabled?.('warn')).toBe(true);
  });
});

describe('silentLogger', () => {
  it('accepts everything and returns itself as a child', () => {
    silentLogger.error('nothing', { a: 1 });
    expect(silentLogger.child({ a: 1 })).toBe(silentLogger);
    expect(silentLogger.isLevelEnabled?.('error')).toBe(false);
  });
});
