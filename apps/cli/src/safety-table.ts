import { type ModelSpec, SAFETY_LEVELS, safetyControlsOf } from '@genhub/core';

/**
 * What each safety level sets, per model, as a Markdown table for the README: one row per safety
 * control (model, parameter, then its value at strict, standard and mature), then the models that
 * have none. Models with the same controls at the same values share one row per provider.
 */
export function safetyTable(models: readonly ModelSpec[]): string {
  const rows = new Map<string, { provider: string; models: string[]; cells: string }>();
  const uncontrolled = new Map<string, number>();
  for (const model of models) {
    const provider = model.id.split('/')[0] ?? model.id;
    const controls = safetyControlsOf(model);
    if (controls.length === 0) {
      uncontrolled.set(provider, (uncontrolled.get(provider) ?? 0) + 1);
      continue;
    }
    for (const { param, values } of controls) {
      const cells = [
        `\`${param}\``,
        ...SAFETY_LEVELS.map((level) => `\`${JSON.stringify(values[level])}\``),
      ].join(' | ');
      const key = `${provider} ${cells}`;
      const row = rows.get(key) ?? { provider, models: [], cells };
      row.models.push(model.id);
      rows.set(key, row);
    }
  }
  const lines = [
    `| models | parameter | ${SAFETY_LEVELS.join(' | ')} |`,
    `| --- | --- | ${SAFETY_LEVELS.map(() => '---').join(' | ')} |`,
    ...[...rows.values()].map((row) => `| ${describeModels(row.models)} | ${row.cells} |`),
  ];
  const none = [...uncontrolled.entries()].map(([provider, count]) => `${provider} (${count})`);
  if (none.length > 0) lines.push('', `No safety controls: ${none.join(', ')}.`);
  return lines.join('\n');
}

function describeModels(ids: readonly string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more`;
}
