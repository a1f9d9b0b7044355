import type { z } from 'zod';
import { GenHubError } from '../errors/genhub-error.js';
import type { JsonObject } from './json.js';
import type { ModelSpec, Price } from './model-spec.js';
import type {
  CallOptions,
  FindSubmittedOptions,
  GenerationRequest,
  ModerationVerdict,
  PollResult,
  Provider,
  ProviderBalance,
  ProviderCapabilities,
  ProviderHealth,
  ProviderWebhook,
  SubmitOptions,
  SubmitResult,
  TaskRef,
} from './provider.js';
import type { Task } from './tasks.js';

/** A model whose parameters are declared once, with zod; everything else reads them typed. */
export interface TypedModelSpec<Params extends z.ZodObject>
  extends Omit<ModelSpec, 'params' | 'estimatePrice' | 'example'> {
  params: Params;
  /** The price of one request, from its parameters with defaults applied. */
  estimatePrice(params: z.output<Params>): Price;
  /** A request that works, for documentation and the conformance suite. */
  example?: z.input<Params> & JsonObject;
}

/** What a typed model's `submit` receives. */
export interface TypedSubmit<Params extends z.ZodObject> extends SubmitOptions {
  /** The request's parameters, parsed by the model's schema: typed, with defaults applied. */
  params: z.output<Params>;
  task: Task;
  /** The model's full id. */
  model: string;
}

/** A model and the function that sends it. */
export interface TypedModel<Params extends z.ZodObject = z.ZodObject> {
  readonly spec: ModelSpec;
  readonly params: Params;
  submit(request: TypedSubmit<Params>): Promise<SubmitResult>;
}

/**
 * Declares a model: its parameters once (a zod object; defaults stated there), its price from the
 * typed parameters, and its `submit`, which receives them typed. Hand the result to
 * `defineProvider`.
 */
export function defineModel<Params extends z.ZodObject>(
  spec: TypedModelSpec<Params> & { submit(request: TypedSubmit<Params>): Promise<SubmitResult> },
): TypedModel<Params> {
  const { submit, estimatePrice, example, ...rest } = spec;
  const modelSpec: ModelSpec = {
    ...rest,
    estimatePrice: (params) => estimatePrice(forPricing(spec.params, params)),
    ...(example === undefined ? {} : { example: example as JsonObject }),
  };
  return { spec: modelSpec, params: spec.params, submit };
}

/** A provider built from typed models; every call but `submit` is the plugin's own. */
export interface ProviderDefinition {
  // biome-ignore lint/suspicious/noExplicitAny: models of any parameter shape go in one list.
  models: readonly TypedModel<any>[];
  /** Needed only when a model answers `pending`; a provider that finishes in `submit` leaves it out. */
  poll?(ref: TaskRef, options: CallOptions): Promise<PollResult>;
  cancel?(ref: TaskRef, options: CallOptions): Promise<void>;
  findSubmitted?(request: GenerationRequest, options: FindSubmittedOptions): Promise<readonly TaskRef[]>;
  balance?(options: CallOptions): Promise<ProviderBalance>;
  health?(options: CallOptions): Promise<ProviderHealth>;
  moderate?(text: string, options: CallOptions): Promise<ModerationVerdict>;
  webhook?: ProviderWebhook;
  capabilities?: ProviderCapabilities;
  trustedOrigins?: readonly string[];
  close?(): Promise<void>;
}

/**
 * The `Provider` a plugin's `setup` returns, from typed models: `submit` finds the model, parses the
 * parameters with its schema (defaults applied, types checked) and calls the model's own `submit`.
 */
export function defineProvider(definition: ProviderDefinition): Provider {
  // Every call but submit and poll (cancel, balance, webhook, trustedOrigins, ...) is the plugin's own.
  const { models, poll, ...optional } = definition;
  const byId = new Map(models.map((model) => [model.spec.id, model]));
  return {
    ...optional,
    models: () => models.map((model) => model.spec),
    async submit(request, options) {
      const model = byId.get(request.model);
      if (!model) {
        throw new GenHubError('MODEL_NOT_FOUND', `This provider has no model ${request.model}.`, {
          retryable: false,
        });
      }
      const parsed = model.params.safeParse(request.params);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue === undefined ? '' : ` (${issue.path.join('.') || 'params'}: ${issue.message})`;
        throw new GenHubError('INVALID_INPUT', `${model.spec.name} cannot take these parameters${where}.`, {
          retryable: false,
          details: issue === undefined ? {} : { param: issue.path.join('.') },
        });
      }
      return model.submit({ ...options, params: parsed.data, task: request.task, model: request.model });
    },
    poll:
      poll ??
      (async () => {
        throw new GenHubError(
          'INTERNAL',
          'This provider finishes every job in submit; it has nothing to poll.',
          {
            retryable: false,
          },
        );
      }),
  };
}

/**
 * Parameters for a price: parsed with defaults applied. A price may be asked before every required
 * input is there (a model list prices each model with its defaults), so missing fields are allowed.
 */
function forPricing<Params extends z.ZodObject>(
  schema: Params,
  params: Readonly<Record<string, unknown>>,
): z.output<Params> {
  const full = schema.safeParse(params);
  if (full.success) return full.data;
  try {
    const partial = schema.partial().safeParse(params);
    if (partial.success) return partial.data as z.output<Params>;
  } catch {
    // A refined schema cannot be made partial; price the parameters as given.
  }
  return params as z.output<Params>;
}
