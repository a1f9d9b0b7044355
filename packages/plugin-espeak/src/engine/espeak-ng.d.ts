// Types for the parts of the `espeak-ng` npm package (1.0.2) this plugin uses. The package ships no
// typings: `dist/espeak-ng.js` is an Emscripten MODULARIZE + EXPORT_ES6 build of the espeak-ng
// command-line program, with espeak-ng-data embedded in `dist/espeak-ng.wasm`.
declare module 'espeak-ng' {
  /** The slice of Emscripten's in-memory file system used here. */
  export interface EspeakFileSystem {
    writeFile(path: string, data: string | Uint8Array): void;
    readFile(path: string): Uint8Array;
  }

  /** The Emscripten module instance; `main` has already run when the factory's promise settles. */
  export interface EspeakModule {
    FS: EspeakFileSystem;
  }

  /** Emscripten `Module` settings; each call of the factory is a fresh, independent instance. */
  export interface EspeakModuleOptions {
    /** The program's command line (`argv[1..]`); `main` runs with it as soon as the module is ready. */
    arguments?: string[];
    /** stdout, one line per call. */
    print?: (line: string) => void;
    /** stderr, one line per call. */
    printErr?: (line: string) => void;
    /** Runs before `main`, with the module (and its `FS`) in hand. */
    preRun?: Array<(module: EspeakModule) => void>;
    /** Replaces Emscripten's `process.exitCode = status` on `exit()`; must throw `toThrow`. */
    quit?: (status: number, toThrow: unknown) => never;
    /** Instantiates the WebAssembly module itself (to reuse one compiled module); returns `{}`. */
    instantiateWasm?: (imports: unknown, receiveInstance: (instance: unknown) => void) => object;
  }

  export default function ESpeakNg(options?: EspeakModuleOptions): Promise<EspeakModule>;
}
