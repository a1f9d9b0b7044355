import { parseArgs } from 'node:util';
import { ChatController, userMessage } from '@genhub/chat';
import { ConfigError, createGenHub, createLogger, loadConfig, Redactor } from '@genhub/core';
import { configuredArtifacts } from './configured-artifacts.js';
import { configuredStore } from './configured-store.js';
import { startConsoleChat } from './console-chat.js';
import { type RunningFrontEnd, startFrontEnds } from './front-ends.js';
import { DEFAULT_HTTP_PORT } from './http-port.js';
import { startHttpServer } from './http-server.js';
import { createMetrics } from './metrics.js';
import { runtimePlugins } from './plugins.js';
import { chooseRole } from './process-role.js';
import { stopOnSignal } from './stop-on-signal.js';

const DEFAULT_PORT = DEFAULT_HTTP_PORT;
const DEFAULT_PUBLIC_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

/**
 * `genhub start`: one GenHub (store, ledger, queue), the HTTP endpoints and the front ends. With no
 * bot token it opens the console chat; when stdin ends it waits for its jobs and exits 0. SIGTERM or
 * Ctrl-C stops it within `shutdownSeconds` (see stopOnSignal); the next start resumes what was left.
 */
export async function start(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, out: { type: 'string' }, role: { type: 'string' } },
  });
  const port = parsePort(values.port ?? process.env.GENHUB_HTTP_PORT);
  if (port === undefined) {
    console.error('The port must be a whole number from 0 to 65535 (--port or GENHUB_HTTP_PORT).');
    return 2;
  }
  const role = chooseRole(values.role, loadConfig());
  if (!role.ok) {
    console.error(role.sentence);
    return 2;
  }
  const loaded = role.config;
  // Links to results default to this machine's server: follow a port chosen with --port.
  const config =
    loaded.publicUrl === DEFAULT_PUBLIC_URL && port !== DEFAULT_PORT && port !== 0
      ? { ...loaded, publicUrl: `http://127.0.0.1:${port}` }
      : loaded;
  // Logs go to stderr, so the console chat on stdout stays readable.
  const logger = createLogger({
    level: config.logLevel,
    redactor: new Redactor(),
    destination: process.stderr,
  });
  const genhub = await createGenHub(config, {
    plugins: runtimePlugins,
    logger,
    ...(await configuredStore(config)),
    ...(await configuredArtifacts(config)),
  });
  const metrics = createMetrics(genhub.generation, config.role);
  let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  try {
    server = await startHttpServer(genhub, metrics, port, process.env.GENHUB_HTTP_HOST || undefined);
  } catch (error) {
    await genhub.close();
    const code = (error as { code?: string }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use; choose another with --port or GENHUB_HTTP_PORT.`
        : `The HTTP server could not start: ${String(error)}.`,
    );
    return 1;
  }
  const controller = new ChatController(genhub);
  let frontEnds: RunningFrontEnd[];
  try {
    // A worker takes no commands: bots and the console chat run in bot processes.
    frontEnds =
      config.role === 'worker' ? [] : await startFrontEnds(genhub, controller, logger, process.env, server);
  } catch (error) {
    console.error(
      error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error),
    );
    controller.close();
    metrics.close();
    await server.close();
    await genhub.close();
    return 1;
  }
  // After the bots, so each finds its unfinished jobs still running and follows them to the end.
  const { resumed } = await genhub.start();
  console.log(`listening on ${server.url}`);
  if (config.role !== 'all') console.log(`Running as a ${config.role} process.`);
  if (resumed > 0) console.log(`Resumed ${resumed} unfinished job${resumed === 1 ? '' : 's'}.`);
  for (const frontEnd of frontEnds) console.log(`The ${frontEnd.name} bot is running.`);
  // With no bot, the console chat; with bots (or as a worker), it runs until Ctrl-C (SIGINT/SIGTERM).
  const chat =
    frontEnds.length > 0 || config.role === 'worker'
      ? undefined
      : startConsoleChat({
          controller,
          outDir: values.out ?? 'genhub-output',
          input: process.stdin,
          print: (line) => console.log(line),
        });

  // What the stop still waits for, named for the operator if it has to give up.
  const waiting = new Set<string>();
  const step = async (name: string, work: () => Promise<void>) => {
    waiting.add(name);
    try {
      await work();
    } finally {
      waiting.delete(name);
    }
  };
  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      chat?.stop();
      // No new work anywhere at once: a bot that is slow to stop must not hold up the jobs.
      await Promise.allSettled([
        ...frontEnds.map((frontEnd) => step(`the ${frontEnd.name} bot`, () => frontEnd.stop())),
        step('running jobs', () => genhub.generation.stop()),
      ]);
      controller.close();
      metrics.close();
      await step('the HTTP server', async () => server?.close());
      await step('the store', () => genhub.close());
    })();
    return closing;
  };
  const signals = stopOnSignal({
    stop: shutdown,
    deadlineMs: config.shutdownSeconds * 1000,
    waitingFor: () =>
      [...waiting].map((name) => {
        if (name !== 'running jobs') return name;
        const { running } = genhub.generation.queueSize();
        return `${running} running job${running === 1 ? '' : 's'}`;
      }),
    print: (line) => console.log(line),
    warn: (line) => console.error(line),
    exit: (code) => process.exit(code),
  });
  try {
    await Promise.race([chat?.finished ?? new Promise<void>(() => {}), signals.stopped]);
  } catch (error) {
    console.error(userMessage(error));
  }
  await shutdown();
  return 0;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return DEFAULT_PORT;
  if (!/^\d+$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65_535 ? port : undefined;
}
