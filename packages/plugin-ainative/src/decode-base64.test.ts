import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decode-base64.js';

const bytes = new Uint8Array([0xff, 0xfb, 0x90, 0x00, 0x3e, 0x3f, 0xfe]);
const standard = Buffer.from(bytes).toString('base64');

describe('decodeBase64', () => {
  it('decodes standard base64', () => {
    expect(decodeBase64(standard, 'audio')).toEqual(bytes);
  });

  it('accepts URL-safe base64, missing padding, line breaks and a data URI prefix', () => {
    expect(decodeBase64(Buffer.from(bytes).toString('base64url'), 'audio')).toEqual(bytes);
    expect(decodeBase64(standard.replace(/=+$/, ''), 'audio')).toEqual(bytes);
    expect(decodeBase64(`${standard.slice(0, 4)}\n${standard.slice(4)}\r\n`, 'audio')).toEqual(bytes);
    expect(decodeBase64(`data:audio/mpeg;base64,${standard}`, 'audio')).toEqual(bytes);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['data:image/png;base64,', 'empty'],
    ['not base64!!', 'not valid base64'],
    ['abcde', 'not valid base64'],
    ['ab+c_d==', 'not valid base64'],
  ])('refuses %j as %s, without retrying a paid generation', (input, reason) => {
    expect(() => decodeBase64(input, 'an image')).toThrow(`AINative returned an image that is ${reason}.`);
    try {
      decodeBase64(input, 'an image');
    } catch (error) {
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false, provider: 'ainative' });
    }
  });
});
