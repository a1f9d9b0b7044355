import { GenHubError, validateParams } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import { supports } from '../conformance-options.js';
import type { Finding } from '../finding.js';
import { findModel } from '../run-scenario.js';
import { contradiction, missingScenario } from './scenario-findings.js';

/**
 * A task submitted, cancelled and polled ends cancelled; or, for a provider declared unable to
 * cancel (`cancel: false`), there is no `cancel` method.
 */
export const cancel: ConformanceCheck = {
  id: 'cancel',
  title: (options) =>
    supports(options, 'cancel')
      ? 'cancels a running task'
      : 'has no cancel, as declared (supports.cancel: false)',
  async run(session) {
    const { provider, signal, plugin } = session;
    const scenario = session.options.fake.scenarios.cancel;
    if (!supports(session.options, 'cancel')) {
      const findings: Finding[] = [];
      if (scenario) findings.push(contradiction(session, 'cancel', 'cancel', 'cancel'));
      if (typeof provider.cancel === 'function') {
        findings.push({
          check: 'cancel',
          message: `${plugin.id}: declares \`supports: { cancel: false }\` but the provider has a \`cancel\` method.`,
        });
      }
      return findings;
    }
    if (typeof provider.cancel !== 'function') {
      return [
        {
          check: 'cancel',
          message: `${plugin.id}: the provider has no \`cancel\` method; declare \`supports: { cancel: false }\`.`,
        },
      ];
    }
    if (!scenario) return [missingScenario(session, 'cancel', 'cancel', 'cancel')];
    const id = scenario.request.model;
    const say = (problem: string): Finding[] => [
      { check: 'cancel', model: id, message: `${id}: the cancel scenario ${problem}` },
    ];
    try {
      await scenario.arrange?.();
      const model = await findModel(provider, id, signal);
      const { params } = validateParams(model, scenario.request.params);
      const submitted = await provider.submit(
        { model: model.id, task: scenario.request.task, params },
        { signal, idempotencyKey: crypto.randomUUID() },
      );
      if (submitted.status !== 'pending') return say('finished in submit; script a task that stays pending.');
      const ref = JSON.parse(JSON.stringify(submitted.ref)) as typeof submitted.ref;
      await provider.cancel(ref, { signal });
      const polled = await provider.poll(ref, { signal });
      if (polled.status === 'failed') {
        session.recordError(id, polled.error);
        return polled.error.code === 'CANCELLED'
          ? []
          : say(`polled ${polled.error.code} after cancel, not cancelled.`);
      }
      return polled.status === 'cancelled' ? [] : say(`polled ${polled.status} after cancel, not cancelled.`);
    } catch (error) {
      if (GenHubError.isInstance(error)) {
        session.recordError(id, error);
        return say(`failed with ${error.code} "${error.message}".`);
      }
      return say(
        `threw ${error instanceof Error ? error.message : String(error)}; plugins throw GenHubError.`,
      );
    }
  },
};
