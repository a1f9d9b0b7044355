import { expect, it } from 'vitest';
import { parseTelegramMultipart } from './telegram-request.js';

it('parses grammy multipart', async () => {
  const b = '----------abc';
  const parts = [
    `--${b}\r\n`,
    `content-disposition:form-data;name="chat_id"\r\n\r\n123`,
    `\r\n--${b}\r\n`,
    `content-disposition:form-data;name="photo"\r\n\r\nattach://xyz`,
    `\r\n--${b}\r\n`,
    `content-disposition:form-data;name="xyz";filename=photo.jpg\r\ncontent-type:application/octet-stream\r\n\r\n`,
    'BY\r\nTES',
    `\r\n--${b}--\r\n`,
  ];
  const mp = await parseTelegramMultipart(
    new TextEncoder().encode(parts.join('')),
    `multipart/form-data; boundary=${b}`,
  );
  expect(mp?.fields).toEqual({ chat_id: '123', photo: 'attach://xyz' });
  expect(new TextDecoder().decode(mp?.files.xyz?.bytes)).toBe('BY\r\nTES');
  expect(mp?.files.xyz?.filename).toBe('photo.jpg');
});
