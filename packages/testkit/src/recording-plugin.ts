import { definePlugin, type GenerationRequest, type ProviderPlugin } from '@genhub/core';

/** A plugin that behaves as another, and keeps every request its provider was asked to submit. */
export interface RecordingPlugin {
  plugin: ProviderPlugin;
  /** Every submitted request, in order. */
  readonly submitted: GenerationRequest[];
}

/**
 * Wraps a plugin (the fake one, say) to record what reached its provider, so a test can say that a
 * refused request never did.
 */
export function recordingPlugin(inner: ProviderPlugin): RecordingPlugin {
  const submitted: GenerationRequest[] = [];
  const plugin = definePlugin({
    id: inner.id,
    name: inner.name,
    contract: inner.contract,
    config: inner.config,
    async setup(context, config) {
      const provider = await inner.setup(context, config);
      const submit = provider.submit.bind(provider);
      return Object.assign(Object.create(provider) as typeof provider, {
        submit: (request: GenerationRequest, options: Parameters<typeof submit>[1]) => {
          submitted.push(request);
          return submit(request, options);
        },
      });
    },
  });
  return { plugin, submitted };
}
