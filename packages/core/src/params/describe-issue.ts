import type { z } from 'zod';
import { describeAccepted, describeValues, FORMAT_PHRASES } from './describe-accepted.js';
import { type JsonSchemaNode, schemaAtPath } from './schema-at-path.js';

export interface DescribeIssueContext {
  /**
   * The schema that was parsed. With it, the sentence says everything the parameter accepts ("seed
   * must be a whole number between 0 and 2147483637.") rather than only the check that failed.
   */
  schema?: z.ZodType;
  /**
   * The value that was parsed, to tell a missing parameter ("prompt is required.") from a wrong one.
   * Without it, the issue's own `input` (present when parsed with `reportInput: true`) is used.
   */
  input?: unknown;
}

/**
 * One zod 4 issue as one plain sentence that names the parameter and says what it accepts:
 *
 *   "prompt is required."  "mode must be one of FAST, ULTRA."  "seed must be a whole number between
 *   0 and 2147483637."  "prompt must be at most 1500 characters long."  "width must be a multiple of 8."
 */
export function describeIssue(issue: z.core.$ZodIssue, context: DescribeIssueContext = {}): string {
  const param = formatParamPath(issue.path);
  const subject = param === '' ? 'The parameters' : param;
  const node = context.schema ? schemaAtPath(context.schema, issue.path) : undefined;
  const accepted = node ? describeAccepted(node) : undefined;
  const isNumeric = node !== undefined && (node.type === 'integer' || node.type === 'number');

  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'nonoptional' || isMissing(issue, context)) return `${subject} is required.`;
      return `${subject} must be ${accepted ?? expectedPhrase(issue.expected)}.`;

    case 'too_small':
    case 'too_big':
      return sizeSentence(subject, issue, node, isNumeric ? accepted : undefined);

    case 'invalid_value':
      return `${subject} must be ${describeValues(issue.values)}.`;

    case 'invalid_format':
      return formatSentence(subject, issue);

    case 'not_multiple_of':
      return `${subject} must be ${isNumeric && accepted ? accepted : `a multiple of ${issue.divisor}`}.`;

    case 'unrecognized_keys': {
      const keys = issue.keys.join(', ');
      if (param === '')
        return `${issue.keys.length === 1 ? 'Unknown parameter' : 'Unknown parameters'}: ${keys}.`;
      return `${subject} has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'}: ${keys}.`;
    }

    case 'invalid_union':
      return accepted ? `${subject} must be ${accepted}.` : `${subject} does not match any form it accepts.`;

    case 'invalid_key':
      return `${subject} has a key that is not allowed.`;

    case 'invalid_element':
      return `${subject} has an entry that is not allowed.`;

    case 'custom': {
      const message = issue.message.trim();
      if (message === '' || message === 'Invalid input') return `${subject} is not valid.`;
      return sentence(param === '' ? message : `${param}: ${message}`);
    }

    default:
      return `${subject} is not valid.`;
  }
}

/** A path as a user writes it: `seed`, `images[0].url`; '' for the parameters as a whole. */
export function formatParamPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else {
      const name = typeof key === 'symbol' ? (key.description ?? 'symbol') : key;
      text += text === '' ? name : `.${name}`;
    }
  }
  return text;
}

function isMissing(issue: z.core.$ZodIssueInvalidType, context: DescribeIssueContext): boolean {
  if ('input' in context) return valueAt(context.input, issue.path) === undefined;
  if ('input' in issue) return issue.input === undefined;
  return /received undefined$/.test(issue.message);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function expectedPhrase(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'bigint':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
    case 'set':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'an object';
    case 'date':
      return 'a date';
    case 'null':
      return 'null';
    case 'undefined':
    case 'void':
    case 'never':
      return 'left out';
    case 'file':
      return 'a file';
    default:
      return `a ${expected}`;
  }
}

function sizeSentence(
  subject: string,
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  node: JsonSchemaNode | undefined,
  numberPhrase: string | undefined,
): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint': {
      if (numberPhrase) return `${subject} must be ${numberPhrase}.`;
      if (small) return `${subject} must be ${inclusive ? 'at least' : 'greater than'} ${limit}.`;
      return `${subject} must be ${inclusive ? 'at most' : 'less than'} ${limit}.`;
    }
    case 'string':
      return countSentence(
        subject,
        'must be',
        'characters long',
        small,
        limit,
        issue,
        node,
        'minLength',
        'maxLength',
      );
    case 'array':
    case 'set':
      return countSentence(subject, 'must have', 'items', small, limit, issue, node, 'minItems', 'maxItems');
    default:
      return `${subject} is too ${small ? 'small' : 'large'}.`;
  }
}

/** Lengths and counts are whole numbers, so exclusive limits become inclusive ones. */
function countSentence(
  subject: string,
  verb: string,
  unit: string,
  small: boolean,
  limit: number,
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  node: JsonSchemaNode | undefined,
  minKey: string,
  maxKey: string,
): string {
  const inclusive = issue.inclusive !== false;
  const count = inclusive ? limit : small ? limit + 1 : limit - 1;
  if (issue.exact) return `${subject} ${verb} exactly ${count} ${unit}.`;
  if (small && count === 1 && unit === 'characters long') return `${subject} must not be empty.`;
  const other = node?.[small ? maxKey : minKey];
  if (typeof other === 'number' && (small || other > 1)) {
    const [min, max] = small ? [count, other] : [other, count];
    return `${subject} ${verb} between ${min} and ${max} ${unit}.`;
  }
  const one = count === 1 ? unit.replace(/s( long)?$/, '$1') : unit;
  return `${subject} ${verb} ${small ? 'at least' : 'at most'} ${count} ${one}.`;
}

function formatSentence(subject: string, issue: z.core.$ZodIssueInvalidStringFormat): string {
  const message = issue.message.trim();
  const custom = message !== '' && !message.startsWith('Invalid');
  const details = issue as unknown as Readonly<Record<string, unknown>>;
  switch (issue.format) {
    case 'regex':
      if (custom) return sentence(`${subject} is not in the right form: ${message}`);
      return `${subject} is not in the right form${issue.pattern ? ` (it must match ${issue.pattern})` : ''}.`;
    case 'starts_with':
      return `${subject} must start with "${String(details.prefix)}".`;
    case 'ends_with':
      return `${subject} must end with "${String(details.suffix)}".`;
    case 'includes':
      return `${subject} must contain "${String(details.includes)}".`;
    case 'lowercase':
      return `${subject} must be in lower case.`;
    case 'uppercase':
      return `${subject} must be in upper case.`;
    default: {
      const phrase = FORMAT_PHRASES[issue.format];
      if (phrase) return `${subject} must be ${phrase}.`;
      if (custom) return sentence(`${subject} is not valid: ${message}`);
      return `${subject} must be a valid ${issue.format.replace(/_/g, ' ')}.`;
    }
  }
}

/** Ends `text` with one full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
