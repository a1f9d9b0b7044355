import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeExamplesFrom } from './__fixtures__/fake-examples.js';
import { loadOpenApi, operations } from './__fixtures__/openapi.js';
import { catalogue } from './catalogue.js';
import { OPERATION_COVERAGE } from './operation-coverage.js';

/**
 * Files generated from the OpenAPI document and the plugin. `pnpm run generate` (UPDATE_GENERATED=1)
 * rewrites them; otherwise these tests fail when they drift.
 */
const UPDATE = process.env.UPDATE_GENERATED === '1';
const README = new URL('../README.md', import.meta.url);
const FAKE_EXAMPLES = new URL('../test/fake/imarouter-examples.gen.json', import.meta.url);

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The README table of every operation of the document, covered or not and why. */
export function operationsTable(): string {
  const rows = operations().map((op) => {
    const coverage = OPERATION_COVERAGE[op.key];
    const status = coverage === undefined ? '?' : coverage.covered ? 'yes' : 'no';
    const note = coverage === undefined ? '' : coverage.covered ? coverage.how : coverage.reason;
    return `| \`${op.method} ${op.path}\` | ${cell(op.tags.join(', '))} | ${status} | ${cell(note)} |`;
  });
  return ['| Operation | Tag | Covered | How, or why not |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README table of every model the plugin offers. */
export function modelsTable(): string {
  const rows = catalogue().map(({ spec, remote, family }) => {
    const extras = Object.keys(spec.params.shape).join(', ');
    return `| \`${spec.id}\` | ${cell(family)} | \`${remote}\` | ${spec.tasks.join(', ')} | ${cell(extras)} |`;
  });
  return [
    '| Model | Family | Remote model | Tasks | Parameters |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Table rows without the padding Biome aligns columns with. */
function normalizeTables(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+$/, '---'))
            .join('|')
        : line,
    )
    .join('\n');
}

function replaceSection(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README.md has no ${start} ... ${end} section.`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

describe('generated files', () => {
  it('accounts for every operation of the document, and only those', () => {
    const keys = operations().map((op) => op.key);
    expect(keys.filter((key) => OPERATION_COVERAGE[key] === undefined)).toEqual([]);
    expect(Object.keys(OPERATION_COVERAGE).filter((key) => !keys.includes(key))).toEqual([]);
    for (const op of operations()) {
      expect(OPERATION_COVERAGE[op.key]?.covered, op.key).toBe(!op.tags.includes('Chat'));
    }
  });

  it('keeps the README tables in step with the document and the catalogue', () => {
    const current = readFileSync(README, 'utf8');
    const expected = replaceSection(
      replaceSection(current, 'operations', operationsTable()),
      'models',
      modelsTable(),
    );
    if (UPDATE) {
      writeFileSync(README, expected);
      // Biome aligns Markdown tables; let it, so `biome check` stays clean.
      execFileSync('pnpm', ['exec', 'biome', 'format', '--write', fileURLToPath(README)], {
        stdio: 'ignore',
      });
    } else {
      expect(normalizeTables(current)).toBe(normalizeTables(expected));
    }
  });

  it('keeps the testkit fake’s examples in step with the document', () => {
    const expected = fakeExamplesFrom(loadOpenApi());
    if (UPDATE) writeFileSync(FAKE_EXAMPLES, `${JSON.stringify(expected, null, 2)}\n`);
    else expect(JSON.parse(readFileSync(FAKE_EXAMPLES, 'utf8'))).toEqual(expected);
  });
});
