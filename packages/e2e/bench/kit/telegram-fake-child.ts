// The fake Telegram Bot API in a process of its own, so the bytes it receives (it keeps every
// upload) do not count in the memory of the GenHub process a benchmark measures. Driven over IPC.
import { createHash } from 'node:crypto';
import { startTelegramFake, type TgUser } from '@genhub/chat-fakes';

export type FakeRequest =
  | { op: 'user' }
  | { op: 'send'; user: TgUser; text: string }
  | { op: 'files' }
  | { op: 'close' };

export interface FakeFileSummary {
  kind: string;
  bytes: number;
  sha256: string;
}

const uploadLimitBytes = Number(process.env.FAKE_UPLOAD_LIMIT_BYTES);
const fake = await startTelegramFake({ uploadLimitBytes });
process.send?.({ ready: { token: fake.token, apiRoot: fake.apiRoot } });

process.on('message', async (request: FakeRequest & { id: number }) => {
  const reply = (value: unknown) => process.send?.({ id: request.id, value });
  switch (request.op) {
    case 'user':
      return reply(fake.createUser());
    case 'send':
      fake.sendText({ from: request.user, text: request.text });
      return reply(true);
    case 'files': {
      const files: FakeFileSummary[] = [];
      for (const message of fake.botMessages()) {
        const { video, document } = message.message;
        const fileId = video?.file_id ?? document?.file_id;
        const file = fileId === undefined ? undefined : fake.file(fileId);
        if (file?.bytes) {
          files.push({
            kind: video ? 'video' : 'document',
            bytes: file.bytes.byteLength,
            sha256: createHash('sha256').update(file.bytes).digest('hex'),
          });
        }
      }
      return reply(files);
    }
    case 'close':
      await fake.close();
      reply(true);
      process.disconnect?.();
      return;
  }
});
