import { describe, expect, it } from 'vitest';
import { safeFileName } from './safe-file-name.js';

describe('safeFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeFileName('castle.glb')).toBe('castle.glb');
    expect(safeFileName('Morning Song (take 2).mp3')).toBe('Morning Song (take 2).mp3');
    expect(safeFileName('日本の歌.wav')).toBe('日本の歌.wav');
  });

  it('keeps the last path segment only, without leading dots', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\..\\.bashrc')).toBe('bashrc');
    expect(safeFileName('https://cdn.example.com/a/b/result.png')).toBe('result.png');
  });

  it('drops control, bidi and reserved characters and folds whitespace', () => {
    expect(safeFileName('a\u0000b\u001b[31mc\u202Egnp.exe')).toBe('ab[31mcgnp.exe');
    expect(safeFileName('what?<is>:this|"*.png')).toBe('whatisthis.png');
    expect(safeFileName('  two\n\tlines .txt  ')).toBe('two lines .txt');
  });

  it('cuts a long name to 100 characters, keeping the extension, never half a character', () => {
    const long = safeFileName(`${'🦊'.repeat(300)}.webp`)!;
    expect(long.endsWith('.webp')).toBe(true);
    expect([...long]).toHaveLength(100);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(Buffer.from(long, 'utf8').toString('utf8')).toBe(long);
  });

  it('makes a short name of a name taken from megabytes of a data: URL', () => {
    const tail = `png;base64,${'QUJD'.repeat(5 * 1024 * 1024)}`;
    expect(safeFileName(tail)).toBe(tail.slice(0, 100));
  });

  it('gives nothing when nothing usable is left', () => {
    expect(safeFileName('')).toBeUndefined();
    expect(safeFileName('a/b/')).toBeUndefined();
    expect(safeFileName('...')).toBeUndefined();
    expect(safeFileName('\u0000\u0001')).toBeUndefined();
  });
});
