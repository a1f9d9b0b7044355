import { Redactor } from '@genhub/provider';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from './memory-logger.js';
import { withRedaction } from './redacting-logger.js';

describe('withRedaction', () => {
  it('redacts messages, fields and bindings with its own secrets before the logger sees them', () => {
    const { logger: inner, lines } = createMemoryLogger();
    const logger = withRedaction(inner, new Redactor(['s3cret-value-1']));
    logger.child({ key: 's3cret-value-1' }).warn('saw s3cret-value-1', { also: 's3cret-value-1' });
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'saw [REDACTED]',
        fields: { key: '[REDACTED]', also: '[REDACTED]' },
      },
    ]);
  });

  it('does not walk the fields of a line the logger drops, and says which levels it keeps', () => {
    const { logger: inner, lines } = createMemoryLogger({ level: 'info' });
    const logger = withRedaction(inner, new Redactor(['s3cret-value-1']));
    let read = 0;
    const fields = {
      get url() {
        read += 1;
        return 'https://example.com/?key=s3cret-value-1';
      },
    };
    logger.debug('dropped', fields);
    expect(read).toBe(0);
    logger.info('kept', fields);
    expect(read).toBe(1);
    expect(lines.map((line) => line.fields)).toEqual([{ url: 'https://example.com/?key=[REDACTED]' }]);
    expect(logger.isLevelEnabled?.('debug')).toBe(false);
    expect(logger.isLevelEnabled?.('info')).toBe(true);
  });
});
