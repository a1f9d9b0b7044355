// Nothing heavy is imported here: `genhub help` loads this file alone, and each command loads its own.
import { UsageError } from './usage-error.js';

const USAGE = `Usage: genhub <command>

Commands:
  start [--port PORT] [--out DIR]  run GenHub: the Discord bot (DISCORD_TOKEN), the Telegram bot
                                   (TELEGRAM_BOT_TOKEN), or with neither the console chat (one
                                   command a line, from a terminal or a pipe); GET /healthz,
                                   /metrics and result links (/files/...) on
                                   127.0.0.1:PORT (GENHUB_HTTP_PORT, default 8787; 0 picks one);
                                   results are saved to DIR (default ./genhub-output)
    [--role all|bot|worker]        with Redis (GENHUB_REDIS_URL): bot takes commands and delivers,
                                   worker runs jobs; all (default) does both (GENHUB_ROLE)
  generate <task> "<prompt>"       run one generation as the console user and print the paths of
    [--model M] [--out DIR]        its files (saved to DIR, default ./genhub-output); <task> is a task
    [--param k=v ...] [--user U]   (text-to-image) or a chat command (imagine, animate, speak);
    [--image F ...] [--mask F]     --param sets a model parameter (see models --json); input files
    [--video F] [--audio F]        are paths or https links, --image repeatable (first frame, last
    [--json] [--safety LEVEL]      frame, references); --json prints one JSON result; --safety
                                   strict, standard or mature (default safety.level); Ctrl-C
                                   cancels (refunded)
  jobs [--limit N] [--user U]      the newest jobs (default 20): id, time, user, task, model, state,
                                   cost
  usage [--user U] [--days N]      spending of the last N days (default 30) by task and model, and
                                   the balances
  credits grant <user> <usd>       add credits to a user (console, or a bot's user id); a negative
    [--community] [--note TEXT]    amount takes them back; --community for a community account
  credits show <user> [--community]
                                   a balance and its latest ledger entries
  deploy-commands [--guild ID]     register the Discord slash commands (DISCORD_TOKEN and
                                   DISCORD_APPLICATION_ID), in one server with --guild or
                                   DISCORD_GUILD_ID, else globally
  dashboard-link [--url BASE]      print a one-time link that signs this browser in to the dashboard
                                   of a running genhub start (BASE: http://127.0.0.1:PORT unless given;
                                   the link works once, for dashboard.loginLinkMinutes)
  doctor                           check the configuration, the store, every provider and the bot
                                   tokens; reports every problem it finds
  models [--task TASK] [--json]    list the models of every configured provider; --safety prints
    [--safety]                     what each safety level sets, per model (Markdown)

Exit status: 0 ok, 1 something failed (the message says what), 2 a bad argument, 130 Ctrl-C.
Configuration: genhub.config.json and GENHUB_* variables (see the README).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Each command is imported when it runs, so `credits` does not load every provider plugin.
  if (command === 'start') return (await import('./start-command.js')).start(rest);
  if (command === 'generate') return (await import('./generate-command.js')).generate(rest);
  if (command === 'jobs') return (await import('./jobs-command.js')).jobs(rest);
  if (command === 'usage') return (await import('./usage-command.js')).usage(rest);
  if (command === 'credits') return (await import('./credits-command.js')).credits(rest);
  if (command === 'deploy-commands')
    return (await import('./deploy-commands-command.js')).deployCommandsCommand(rest);
  if (command === 'dashboard-link') return (await import('./dashboard-link-command.js')).dashboardLink(rest);
  if (command === 'doctor') return (await import('./doctor-command.js')).doctor();
  if (command === 'models') return (await import('./models-command.js')).models(rest);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(exitAfterOutput, async (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    return exitAfterOutput(2);
  }
  const { ConfigError } = await import('@genhub/core');
  console.error(error instanceof ConfigError ? error.message : `genhub failed: ${String(error)}`);
  return exitAfterOutput(1);
});

/**
 * Exits once stdout and stderr have handed everything to the OS: output to a pipe is written
 * asynchronously, and exiting at once would cut `genhub models --json | jq` at 64 KB.
 */
function exitAfterOutput(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
