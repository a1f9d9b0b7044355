import { it } from 'vitest';
import { alice, makeJob, TempStores } from './__fixtures__/store-fixtures.js';
it('x', async () => {
  const t = new TempStores();
  let t0 = performance.now();
  for (let i = 0; i < 20; i++) { const f = await t.file(); const a = await t.open({ file: f }); const b = await t.open({ file: f }); await a.close(); await b.close(); }
  console.log('open2', (performance.now() - t0) / 20);
  t0 = performance.now();
  for (let i = 0; i < 20; i++) { const f = await t.file(); const a = await t.open({ file: f }); await a.close(); }
  console.log('open1', (performance.now() - t0) / 20);
  const f = await t.file(); const a = await t.open({ file: f, synchronous: 'normal' }); const b = await t.open({ file: f, synchronous: 'normal' });
  await a.ledger.grant(alice, 1e9);
  t0 = performance.now();
  for (let i = 0; i < 20; i++) await Promise.all([a, b, a, b].map((s) => s.createJobWithReservation({ job: makeJob(), now: 1 })));
  console.log('batch2', (performance.now() - t0) / 20);
  t0 = performance.now();
  for (let i = 0; i < 20; i++) await Promise.all([a, a, a, a].map((s) => s.createJobWithReservation({ job: makeJob(), now: 1 })));
  console.log('batch1', (performance.now() - t0) / 20);
  await t.cleanup();
});
