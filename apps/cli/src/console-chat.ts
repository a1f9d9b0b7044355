import { createInterface } from 'node:readline';
import type { ChatActor, ChatController } from '@genhub/chat';
import { ConsoleSurface } from './console-surface.js';

/** The user the console (and `genhub generate`) acts as: the operator at this machine. */
export const CONSOLE_USER = 'console';

const CONSOLE_ACTOR: ChatActor = { userId: CONSOLE_USER, isCommunityAdmin: false, frontEnd: 'console' };

export interface ConsoleChatOptions {
  controller: ChatController;
  outDir: string;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  print(line: string): void;
}

export interface ConsoleChat {
  /** Resolves once the input has ended and every job it submitted has shown its result. */
  finished: Promise<void>;
  /** Stops reading; jobs already submitted are left to `genhub.close()`. */
  stop(): void;
}

/**
 * The console front end: the bots' commands, one a line, from a terminal or a pipe, through the
 * same chat controller as Discord and Telegram. Status lines print as jobs move; results are saved
 * to `outDir`; `/press <id>` presses a button a message offered.
 */
export function startConsoleChat({ controller, outDir, input, print }: ConsoleChatOptions): ConsoleChat {
  const surface = new ConsoleSurface(outDir, print);
  const interactive = input.isTTY === true;
  const lines = createInterface({ input, ...(interactive ? { output: process.stdout, prompt: '> ' } : {}) });
  let stopped = false;
  let queue = Promise.resolve();

  const handle = async (raw: string) => {
    const line = raw.trim();
    if (line === '') return;
    const match = /^\/([A-Za-z0-9_]{1,32})(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(line);
    if (!match) {
      print(`Commands start with a slash, such as /speak Hello; type /help for the list.`);
      return;
    }
    const name = (match[1] ?? '').toLowerCase();
    const rest = match[2] ?? '';
    if (name === 'press') await controller.press(CONSOLE_ACTOR, surface, rest.trim());
    else await controller.command(CONSOLE_ACTOR, surface, { name, text: rest });
  };

  // A terminal in raw mode turns Ctrl-C into readline's event rather than a signal; make it one.
  lines.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
  const finished = new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      if (stopped) return;
      queue = queue.then(async () => {
        await handle(line);
        if (interactive && !stopped) lines.prompt();
      });
    });
    lines.on('close', () => {
      void queue.then(() => controller.idle()).finally(resolve);
    });
  });
  if (interactive) {
    print('GenHub console: type /help for the commands, Ctrl-C to quit.');
    lines.prompt();
  }
  return {
    finished,
    stop() {
      stopped = true;
      lines.close();
    },
  };
}
