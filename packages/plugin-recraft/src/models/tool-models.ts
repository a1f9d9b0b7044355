import { defineModel, type HttpClient, type TypedModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { RecraftApi } from '../api/recraft-api.js';
import { loadInputFile } from '../request/input-file.js';
import { finished } from '../response/outputs.js';
import { TOOL_INPUT_MAX_BYTES, TOOLS, type ToolName } from './catalogue.js';

const toolParams = z.object({ images: vocabulary.images.max(1) });

/** One of Recraft's image tools: one image in (uploaded as a file), one image or SVG out. */
function toolModel(name: ToolName, api: RecraftApi, http: HttpClient): TypedModel {
  const tool = TOOLS[name];
  return defineModel({
    id: `recraft/${name}`,
    name: tool.name,
    tasks: [tool.task],
    output: tool.output,
    params: toolParams,
    limits: { maxInputImages: 1 },
    estimatePrice: () => ({ usd: tool.usd }),
    async submit({ params, signal }) {
      const [image] = params.images;
      // The schema asks for exactly one image.
      const file = await loadInputFile(image!, http, TOOL_INPUT_MAX_BYTES, signal);
      const answer = await api.process(tool.path, file, signal);
      return finished([answer.image], tool.output, answer.credits);
    },
  });
}

/** Vectorize, remove background, crisp and creative upscale. */
export function toolModels(api: RecraftApi, http: HttpClient): TypedModel[] {
  return (Object.keys(TOOLS) as ToolName[]).map((name) => toolModel(name, api, http));
}
