import type { ModelSpec, OutputKind, Provider, Task } from '@genhub/provider';
import { GenHubError, suggest } from '@genhub/provider';
import { describeModel, type ModelDescription } from './model-json-schema.js';

/** A model together with the provider that runs it. */
export interface RegisteredModel {
  model: ModelSpec;
  providerId: string;
  provider: Provider;
}

export interface ModelFilter {
  task?: Task;
  output?: OutputKind;
  provider?: string;
}

const MODEL_ID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9._:-]*$/;

/**
 * Every model of every started provider. Resolves `provider/model` ids, aliases and, when only one
 * provider offers it, a bare model name; on a miss it suggests close matches.
 */
export class Registry {
  readonly #providers = new Map<string, Provider>();
  readonly #models = new Map<string, RegisteredModel>();
  /** Lower-case alias or bare name -> ids it may mean. */
  readonly #names = new Map<string, Set<string>>();

  /** Adds a started provider and its models. Model ids must start with `providerId/`. */
  add(providerId: string, provider: Provider, models: readonly ModelSpec[]): void {
    if (this.#providers.has(providerId))
      throw new TypeError(`Provider "${providerId}" is already registered.`);
    const seen = new Set<string>();
    for (const model of models) {
      if (!MODEL_ID.test(model.id) || !model.id.startsWith(`${providerId}/`)) {
        throw new TypeError(
          `Model id "${model.id}" from provider "${providerId}" must look like "${providerId}/model-name" in lower case.`,
        );
      }
      if (seen.has(model.id) || this.#models.has(model.id)) {
        throw new TypeError(`Model id "${model.id}" is registered twice.`);
      }
      if (model.tasks.length === 0) throw new TypeError(`Model "${model.id}" performs no task.`);
      seen.add(model.id);
    }
    this.#providers.set(providerId, provider);
    for (const model of models) {
      this.#models.set(model.id, { model, providerId, provider });
      this.#addName(model.id.slice(providerId.length + 1), model.id);
      for (const alias of model.aliases ?? []) this.#addName(alias, model.id);
    }
  }

  /** Removes a provider and its models. */
  remove(providerId: string): void {
    if (!this.#providers.delete(providerId)) return;
    for (const [id, entry] of this.#models) {
      if (entry.providerId !== providerId) continue;
      this.#models.delete(id);
      for (const [name, ids] of this.#names) {
        ids.delete(id);
        if (ids.size === 0) this.#names.delete(name);
      }
    }
  }

  /** The model an id, alias or unambiguous bare name means, or undefined. */
  find(idOrAlias: string): RegisteredModel | undefined {
    const key = idOrAlias.trim().toLowerCase();
    const exact = this.#models.get(key);
    if (exact) return exact;
    const ids = this.#names.get(key);
    if (ids?.size === 1) return this.#models.get([...ids][0]!);
    return undefined;
  }

  /** Like `find`, but a miss throws MODEL_NOT_FOUND with close matches as suggestions. */
  resolve(idOrAlias: string): RegisteredModel {
    const found = this.find(idOrAlias);
    if (found) return found;
    const key = idOrAlias.trim().toLowerCase();
    const ambiguous = this.#names.get(key);
    if (ambiguous && ambiguous.size > 1) {
      const ids = [...ambiguous].sort();
      throw new GenHubError(
        'MODEL_NOT_FOUND',
        `"${idOrAlias}" is offered by several providers; name one of ${ids.join(', ')}.`,
        { suggestions: ids },
      );
    }
    const suggestions = suggest(key, [...this.#models.keys(), ...this.#names.keys()]).map(
      (name) => this.find(name)?.model.id ?? name,
    );
    const unique = [...new Set(suggestions)];
    throw new GenHubError(
      'MODEL_NOT_FOUND',
      unique.length > 0
        ? `Model "${idOrAlias}" was not found; did you mean ${unique.join(', ')}?`
        : `Model "${idOrAlias}" was not found.`,
      { suggestions: unique },
    );
  }

  /** Models matching the filter, sorted by id. */
  list(filter: ModelFilter = {}): ModelSpec[] {
    const models: ModelSpec[] = [];
    for (const { model, providerId } of this.#models.values()) {
      if (filter.task && !model.tasks.includes(filter.task)) continue;
      if (filter.output && model.output !== filter.output) continue;
      if (filter.provider && providerId !== filter.provider) continue;
      models.push(model);
    }
    return models.sort((a, b) => a.id.localeCompare(b.id));
  }

  provider(providerId: string): Provider | undefined {
    return this.#providers.get(providerId);
  }

  providerIds(): string[] {
    return [...this.#providers.keys()].sort();
  }

  /** One model as JSON, with its parameters as JSON Schema and an example request. */
  describe(idOrAlias: string): ModelDescription {
    return describeModel(this.resolve(idOrAlias).model);
  }

  /** The whole catalogue (or the filtered part) as JSON. */
  catalogue(filter: ModelFilter = {}): { models: ModelDescription[] } {
    return { models: this.list(filter).map(describeModel) };
  }

  #addName(name: string, id: string): void {
    const key = name.toLowerCase();
    if (key === id) return;
    const ids = this.#names.get(key) ?? new Set<string>();
    ids.add(id);
    this.#names.set(key, ids);
  }
}
