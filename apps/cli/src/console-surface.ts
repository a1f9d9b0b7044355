import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChatMessage, ChatMessageHandle, CommandSurface, SurfaceLimits } from '@genhub/chat';

/** The console has no upload limit: files are saved to a folder. Status lines at most every 300 ms. */
export const CONSOLE_LIMITS: SurfaceLimits = {
  maxUploadBytes: Number.MAX_SAFE_INTEGER,
  maxFilesPerMessage: 100,
  maxTextLength: 100_000,
  maxButtonsPerRow: 10,
  maxButtonRows: 10,
  editIntervalMs: 300,
};

/**
 * The chat surface of the terminal: a message prints its text; an edit prints the lines that
 * changed, prefixed with the message's number; files are saved to `outDir` and their paths printed;
 * buttons print as `/press <id>` commands the console understands.
 */
export class ConsoleSurface implements CommandSurface {
  readonly style = 'text' as const;
  readonly limits = CONSOLE_LIMITS;
  #count = 0;

  constructor(
    private readonly outDir: string,
    private readonly print: (line: string) => void,
  ) {}

  async reply(message: ChatMessage): Promise<ChatMessageHandle> {
    this.#count += 1;
    const id = this.#count;
    let shown = message.text.split('\n');
    let buttons = '';
    for (const line of shown) this.print(line);
    buttons = await this.#extras(message, buttons);
    return {
      ref: { console: id },
      edit: async (next) => {
        const lines = next.text.split('\n');
        for (const line of lines.filter((candidate, index) => candidate !== shown[index])) {
          this.print(`[${id}] ${line}`);
        }
        shown = lines;
        buttons = await this.#extras(next, buttons);
      },
      delete: async () => {
        this.print(`[${id}] (deleted)`);
      },
    };
  }

  /** Saves the files, and prints the buttons unless they are the ones printed last; returns what it printed. */
  async #extras(message: ChatMessage, lastButtons: string): Promise<string> {
    if (message.files && message.files.length > 0) {
      const dir = resolve(this.outDir);
      await mkdir(dir, { recursive: true });
      for (const file of message.files) {
        const path = join(dir, file.name);
        await writeFile(path, await file.read());
        this.print(`Saved ${path}`);
      }
    }
    const actions = (message.buttons ?? []).flat().filter((button) => button.kind === 'action');
    const line =
      actions.length > 0 ? `Buttons: ${actions.map((b) => `${b.label} (/press ${b.id})`).join(', ')}` : '';
    if (line !== '' && line !== lastButtons) this.print(line);
    return line;
  }
}
