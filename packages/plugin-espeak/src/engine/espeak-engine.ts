import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GenHubError } from '@genhub/provider';
import ESpeakNg from 'espeak-ng';
import { type EspeakVoice, parseVoiceList } from './voices.js';

/** What one run of the espeak-ng program left behind. */
export interface EspeakRun {
  /** The exit status `main` returned or passed to `exit()`. */
  status: number;
  stdout: string[];
  stderr: string[];
  /** The output file, when the run was asked for one and wrote it. */
  output: Uint8Array | undefined;
}

export interface EspeakRunOptions {
  /** espeak-ng's command line, without the program name. */
  args: readonly string[];
  /** Written to `INPUT_FILE` before `main` runs (pass `-f INPUT_FILE` to read it). */
  input?: string;
  /** Read back from the module's file system after `main` (pass `-w OUTPUT_FILE` to write it). */
  readOutput?: boolean;
  signal?: AbortSignal;
}

export interface SynthesisOptions {
  text: string;
  /** A language code from `listVoices()`. */
  voice: string;
  /** Words per minute, 80 to 450. */
  speed: number;
  /** 0 to 99. */
  pitch: number;
  signal?: AbortSignal;
}

/** The espeak-ng program compiled to WebAssembly, run in-process. */
export interface EspeakEngine {
  /** Reads and compiles the WebAssembly module (once); rejects with PROVIDER_UNAVAILABLE. */
  load(): Promise<void>;
  /** `espeak-ng --voices`, parsed; run once and remembered. */
  listVoices(signal?: AbortSignal): Promise<readonly EspeakVoice[]>;
  /** Speaks `text` into a 16-bit mono WAV file (22050 Hz). */
  synthesize(options: SynthesisOptions): Promise<Uint8Array>;
  /** One run of the program. Runs are serialised: one at a time, in call order. */
  run(options: EspeakRunOptions): Promise<EspeakRun>;
}

export const INPUT_FILE = '/genhub-input.txt';
export const OUTPUT_FILE = '/genhub-output.wav';

/** Emscripten reports an explicit `exit()` while the runtime stays alive on stderr; it is noise here. */
const EXIT_NOTICE = /^program exited \(with status: \d+\)/;

// Node's global WebAssembly, typed just enough (the repository's type libraries do not declare it).
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: unknown): Promise<unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Where `espeak-ng.wasm` is: beside the package's main script. */
function wasmPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('espeak-ng')), 'espeak-ng.wasm');
}

function cancelled(signal: AbortSignal): GenHubError {
  return new GenHubError('CANCELLED', 'The speech synthesis was cancelled.', {
    provider: 'espeak',
    cause: signal.reason,
  });
}

/**
 * An engine over the `espeak-ng` package. Each run instantiates a fresh copy of the program from one
 * compiled module (about 0.3 s: the instance unpacks espeak-ng-data into its 32 MB heap), so runs
 * share no C state; they are still serialised, because each instance holds 32 MB while it lives and
 * a queue keeps that bounded however many jobs arrive at once.
 */
export function createEspeakEngine(): EspeakEngine {
  let compiled: Promise<object> | undefined;
  let voices: Promise<readonly EspeakVoice[]> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = (): Promise<object> => {
    compiled ??= readFile(wasmPath())
      .then((bytes) => wasm.compile(bytes))
      .catch((error: unknown) => {
        compiled = undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw new GenHubError(
          'PROVIDER_UNAVAILABLE',
          `The espeak-ng WebAssembly engine could not be loaded: ${reason}`,
          { provider: 'espeak', retryable: false, cause: error },
        );
      });
    return compiled;
  };

  const runNow = async (options: EspeakRunOptions, module: object): Promise<EspeakRun> => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let status = 0;
    const instance = await new Promise<Awaited<ReturnType<typeof ESpeakNg>>>((resolve, reject) => {
      ESpeakNg({
        arguments: [...options.args],
        print: (line) => stdout.push(line),
        printErr: (line) => {
          if (!EXIT_NOTICE.test(line)) stderr.push(line);
        },
        preRun: [
          (instance) => {
            if (options.input !== undefined) instance.FS.writeFile(INPUT_FILE, options.input);
          },
        ],
        // Emscripten's default sets process.exitCode, which would fail the whole host process.
        quit: (code, toThrow) => {
          status = code;
          throw toThrow;
        },
        // One compiled module for every run. `main` runs inside `receiveInstance`, so a crash in
        // the program surfaces here rather than as an unhandled rejection.
        instantiateWasm: (imports, receiveInstance) => {
          wasm.instantiate(module, imports).then((instance) => {
            try {
              receiveInstance(instance);
            } catch (error) {
              reject(error);
            }
          }, reject);
          return {};
        },
      }).then(resolve, reject);
    });
    let output: Uint8Array | undefined;
    if (options.readOutput) {
      try {
        output = instance.FS.readFile(OUTPUT_FILE);
      } catch {
        output = undefined;
      }
    }
    return { status, stdout, stderr, output };
  };

  const run = (options: EspeakRunOptions): Promise<EspeakRun> => {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelled(signal));
    const result = queue.then(async () => {
      const module = await load();
      // The program cannot be interrupted once it runs, so the signal is checked while queued.
      if (signal?.aborted) throw cancelled(signal);
      try {
        return await runNow(options, module);
      } catch (error) {
        if (GenHubError.isInstance(error)) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new GenHubError('INTERNAL', `espeak-ng crashed: ${reason}`, {
          provider: 'espeak',
          cause: error,
        });
      }
    });
    queue = result.catch(() => undefined);
    return result;
  };

  const failure = (what: string, result: EspeakRun): GenHubError => {
    const message = result.stderr.join(' ').trim() || `exit status ${result.status}`;
    if (/voice does not exist/i.test(message)) {
      return new GenHubError('INVALID_INPUT', `espeak-ng has no such voice: ${message}`, {
        provider: 'espeak',
        details: { param: 'voice' },
      });
    }
    return new GenHubError('INTERNAL', `espeak-ng could not ${what}: ${message}`, { provider: 'espeak' });
  };

  return {
    load: async () => {
      await load();
    },
    listVoices(signal) {
      voices ??= run({ args: ['--voices'], ...(signal ? { signal } : {}) }).then((result) => {
        const list = parseVoiceList(result.stdout);
        if (result.status !== 0 || list.length === 0) throw failure('list its voices', result);
        return list;
      });
      // Forget a failed listing so the next call tries again.
      voices.catch(() => {
        voices = undefined;
      });
      return voices;
    },
    async synthesize({ text, voice, speed, pitch, signal }) {
      const result = await run({
        // -b 1: the input file is UTF-8. The text goes through a file, never argv, so a prompt such as
        // "--help" is spoken rather than parsed as an option.
        args: [
          '-b',
          '1',
          '-v',
          voice,
          '-s',
          String(speed),
          '-p',
          String(pitch),
          '-w',
          OUTPUT_FILE,
          '-f',
          INPUT_FILE,
        ],
        input: text,
        readOutput: true,
        ...(signal ? { signal } : {}),
      });
      if (result.status !== 0 || !result.output) throw failure('synthesise the text', result);
      if (signal?.aborted) throw cancelled(signal);
      return result.output;
    },
    run,
  };
}

/** The engine every espeak plugin instance in this process shares (one compiled module, one queue). */
export const sharedEngine: EspeakEngine = createEspeakEngine();
