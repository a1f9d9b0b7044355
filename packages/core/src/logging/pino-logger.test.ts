import { GenHubError, Redactor } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { createLogger } from './pino-logger.js';

const SECRET = 'pk_live_0123456789abcdef';

function capture(level: 'trace' | 'info' = 'trace') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    redactor: new Redactor([SECRET]),
    destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the message and fields redacted', () => {
    const { logger, lines } = capture();
    logger.info(`calling with ${SECRET}`, {
      url: `https://h/?key=${SECRET}`,
      headers: { authorization: 'Bearer x' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'calling with [REDACTED]',
      url: 'https://h/?key=[REDACTED]',
      headers: { authorization: '[REDACTED]' },
    });
  });

  it('serialises errors in fields: name, message, code, stack, all redacted', () => {
    const { logger, lines } = capture();
    logger.error('failed', { err: new GenHubError('AUTH', `rejected ${SECRET}`) });
    const err = lines[0]?.err as Record<string, unknown>;
    expect(err).toMatchObject({ name: 'GenHubError', message: 'rejected [REDACTED]', code: 'AUTH' });
    expect(typeof err.stack).toBe('string');
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('keeps redacting in children, bindings included', () => {
    const { logger, lines } = capture();
    logger.child({ plugin: 'gateai', token: SECRET }).child({ job: 1 }).debug(`child ${SECRET}`);
    expect(lines[0]).toMatchObject({
      plugin: 'gateai',
      token: '[REDACTED]',
      job: 1,
      msg: 'child [REDACTED]',
    });
  });

  it('respects the level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.trace('hidden');
    logger.warn('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
    expect(logger.isLevelEnabled?.('debug')).toBe(false);
    expect(logger.isLevelEnabled?.('info')).toBe(true);
  });

  it('does not loop on cyclic fields', () => {
    const { logger, lines } = capture();
    const cyclic: Record<string, unknown> = {};
    cyclic.me = cyclic;
    logger.info('cyclic', { cyclic });
    expect(lines[0]?.cyclic).toEqual({ me: '[Circular]' });
  });
});
