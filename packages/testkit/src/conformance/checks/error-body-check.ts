import type { ModelSpec, Output } from '@genhub/core';
import type { ConformanceCheck } from '../conformance-check.js';
import { type Finding, modelFinding } from '../finding.js';
import { essenceOf } from '../media-types.js';
import { modelOfRun } from '../output-model.js';
import { type TextBody, textBody } from '../text-body.js';

/** Text formats a model's output may rightly be: SVG for vectors; glTF JSON, OBJ and ASCII STL for 3D. */
function isRightlyText(model: ModelSpec, output: Output, body: TextBody, bytes: Uint8Array): boolean {
  const declared = output.mediaType === undefined ? '' : essenceOf(output.mediaType);
  if (model.output === 'vector') return /<svg[\s>/]/i.test(new TextDecoder().decode(bytes.subarray(0, 4096)));
  if (model.output !== 'model3d') return false;
  if (declared === 'model/gltf+json') return body.format === 'JSON' && body.start.includes('"asset"');
  return declared === 'model/obj' || declared === 'model/stl';
}

/**
 * No output is text where media belongs: a JSON error, an HTML error page or a plain message saved
 * as the image, audio or video (a plugin that does not check the status before keeping a body).
 */
export const errorBodyAsMedia: ConformanceCheck = {
  id: 'error-body-as-media',
  title: 'never saves an error body (JSON, HTML or plain text) as media',
  async run(session) {
    const findings: Finding[] = [];
    for (const run of await session.outputRuns()) {
      const model = modelOfRun(session, run);
      if (!model) continue;
      for (const read of await session.outputsOf(run)) {
        if (!read.bytes) continue;
        const body = textBody(read.bytes, session.secrets);
        if (!body || isRightlyText(model, read.output, body, read.bytes)) continue;
        const kind = read.output.role === 'preview' ? 'a preview image' : model.output;
        findings.push(
          modelFinding(
            'error-body-as-media',
            model.id,
            `output ${read.number} of ${run.source} is ${body.format} (${body.start}), not ${kind}: an error body was saved as media.`,
          ),
        );
      }
    }
    return findings;
  },
};
