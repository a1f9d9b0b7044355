import type { ChatMessage } from './chat-message.js';
import { COMMANDS } from './commands.js';

/** What GenHub can do and how to ask, in the platform's way of giving options. */
export function helpMessage(style: 'slash' | 'text'): ChatMessage {
  const lines = ['GenHub makes images, video, speech, music and 3D from your words, at many providers.', ''];
  for (const command of COMMANDS) lines.push(`/${command.name}: ${command.description}`);
  lines.push('');
  lines.push(
    style === 'slash'
      ? 'Pick options as you type the command: model, aspect ratio, seed and the model’s own settings. Prices show before anything costly runs.'
      : 'Add options after the prompt: /imagine a fox in snow --ar 16:9 --model <id> --seed 7 --no blur. Reply to a photo with /edit or /animate. Prices show before anything costly runs.',
  );
  return { text: lines.join('\n') };
}
