import { describe, expect, it } from 'vitest';
import { minimalMp4, silentMp3, sineWav, solidPng } from '../fake-media.js';
import { textBody } from './text-body.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('textBody', () => {
  it('sees JSON, HTML, XML and plain text, hiding secrets in what it quotes', () => {
    expect(textBody(bytes('  {"error": "bad key sk-123456"}'), ['sk-123456'])).toEqual({
      format: 'JSON',
      start: '{"error": "bad key ***"}',
    });
    expect(textBody(bytes('<!DOCTYPE html><html><body>502 Bad Gateway'))?.format).toBe('HTML');
    expect(textBody(bytes('<?xml version="1.0"?><Error/>'))?.format).toBe('XML');
    expect(textBody(bytes('Internal Server Error'))?.format).toBe('plain text');
  });

  it('takes binary media for what it is', () => {
    for (const media of [solidPng(2, 2, [1, 2, 3]), sineWav(), silentMp3(100), minimalMp4()]) {
      expect(textBody(media)).toBeUndefined();
    }
    expect(textBody(new Uint8Array())).toBeUndefined();
  });
});
