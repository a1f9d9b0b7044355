// One worker process of the scale bench (`role: 'worker'`): drives jobs from the Redis queue until the
// bench asks it to stop. Driven over IPC; the setup comes as JSON in SCALE_SETUP.
import type { ScaleSetup } from './scale-genhub.js';
import { openScaleGenHub } from './scale-genhub.js';

export type WorkerMessage = { ready: true } | { stopped: { cpuMs: number } } | { failed: string };

const send = (message: WorkerMessage) => process.send?.(message);

// The bench died (its watchdog, a crash): nothing is left to work for.
const benchGone = () => process.exit(1);
process.on('disconnect', benchGone);
const hangUp = () => {
  process.off('disconnect', benchGone);
  process.disconnect?.();
};

try {
  const setup = JSON.parse(process.env.SCALE_SETUP ?? '') as ScaleSetup;
  const genhub = await openScaleGenHub(setup, 'worker');
  await genhub.start();
  const cpuAtStart = process.cpuUsage();
  process.once('message', async () => {
    await genhub.close();
    const cpu = process.cpuUsage(cpuAtStart);
    send({ stopped: { cpuMs: (cpu.user + cpu.system) / 1000 } });
    hangUp();
  });
  send({ ready: true });
} catch (error) {
  send({ failed: error instanceof Error ? error.message : String(error) });
  hangUp();
  process.exitCode = 1;
}
