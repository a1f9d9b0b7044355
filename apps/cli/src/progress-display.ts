/** Where progress is drawn: stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * One job's status line on a stream. On a terminal the line is redrawn in place (`\r`, then the
 * rest of the old line erased); elsewhere (a pipe, a log file) each change is a line of its own.
 */
export class ProgressDisplay {
  readonly #stream: ProgressStream;
  readonly #inPlace: boolean;
  #last = '';
  #open = false;

  constructor(stream: ProgressStream) {
    this.#stream = stream;
    this.#inPlace = stream.isTTY === true;
  }

  /** Shows `line` unless it is the one already shown. */
  update(line: string): void {
    if (line === this.#last) return;
    this.#last = line;
    if (this.#inPlace) {
      this.#stream.write(`\r\u001b[2K${line}`);
      this.#open = true;
    } else this.#stream.write(`${line}\n`);
  }

  /** Shows the final line and ends it, so what is printed next starts on a line of its own. */
  finish(line: string): void {
    this.update(line);
    if (this.#open) this.#stream.write('\n');
    this.#open = false;
  }
}
