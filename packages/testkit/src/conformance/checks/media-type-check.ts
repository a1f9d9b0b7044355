import { detectMediaType, type ModelSpec, mediaKind } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import { type Finding, modelFinding } from '../finding.js';
import { essenceOf, sameMediaType } from '../media-types.js';
import { modelOfRun } from '../output-model.js';
import { textBody } from '../text-body.js';

/** Whether a file of this type is what the model says it makes. */
function fitsModel(model: ModelSpec, mediaType: string): boolean {
  const kind = mediaKind(mediaType);
  if (kind === model.output) return true;
  // 3D models often come zipped with their textures.
  return model.output === 'model3d' && essenceOf(mediaType) === 'application/zip';
}

/**
 * Each output's declared media type is what its bytes are, and every primary output is of the kind
 * the model declares (audio from a speech model, not video).
 */
export const mediaTypeMatches: ConformanceCheck = {
  id: 'media-type',
  title: "declares media types that match the bytes and the model's output kind",
  async run(session) {
    const findings: Finding[] = [];
    for (const run of await session.outputRuns()) {
      const model = modelOfRun(session, run);
      if (!model) continue;
      for (const read of await session.outputsOf(run)) {
        // Text where media belongs is the error-body check's finding, not this one's.
        if (read.bytes && textBody(read.bytes) && model.output !== 'vector') continue;
        const where = `output ${read.number} of ${run.source}`;
        const declared = read.output.mediaType;
        const sniffed = read.bytes ? await detectMediaType(read.bytes) : undefined;
        if (declared !== undefined && sniffed !== undefined && !sameMediaType(declared, sniffed)) {
          findings.push(
            modelFinding(
              'media-type',
              model.id,
              `${where} is declared ${declared}, but its bytes are ${sniffed}.`,
            ),
          );
          continue;
        }
        const actual = sniffed ?? declared;
        if (read.output.role !== 'preview' && actual !== undefined && !fitsModel(model, actual)) {
          findings.push(
            modelFinding(
              'media-type',
              model.id,
              `${where} is ${essenceOf(actual)}, but the model declares ${model.output} output.`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
