import { mediaKind, mediaTypeForExtension, type Output } from '@genhub/provider';
import type { WireModelType } from '../catalogue/wire-model.js';

function extensionOf(url: string): string | undefined {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? url;
  }
  return /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
}

function nameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}

/** A result link made absolute against GateAI's base URL (the document's `url` fields are relative). */
export function absoluteUrl(link: string, baseUrl: string): string {
  try {
    return new URL(link, `${baseUrl.replace(/\/+$/, '')}/`).href;
  } catch {
    return link;
  }
}

/**
 * The outputs of a FINISHED task. Images and videos: every `result` link, primary. 3D (docs.txt,
 * "3D Output Format"): the `.glb` files of `glb_urls` are primary and the `result` JPGs their
 * previews; without `glb_urls` the model file is the JPG link with `.jpg` -> `.glb`, as the
 * document says. Roles follow the extension: model files primary, pictures preview.
 */
export function outputsOf(
  type: WireModelType,
  result: readonly string[],
  glbUrls: readonly string[],
  baseUrl: string,
): Output[] {
  const links = result.map((link) => absoluteUrl(link, baseUrl));
  let files = links;
  if (type === '3d') {
    const models = glbUrls.map((link) => absoluteUrl(link, baseUrl));
    const derived =
      models.length > 0
        ? models
        : links.flatMap((link) =>
            /\.jpe?g(?=$|[?#])/i.test(link) ? [link.replace(/\.jpe?g(?=$|[?#])/i, '.glb')] : [],
          );
    files = [...new Set([...derived, ...links])];
  }
  const outputs: Output[] = files.map((url) => {
    const extension = extensionOf(url);
    const mediaType = extension === undefined ? undefined : mediaTypeForExtension(extension);
    const name = nameOf(url);
    const role =
      type === '3d' && !(mediaType !== undefined && mediaKind(mediaType) === 'model3d')
        ? 'preview'
        : 'primary';
    return {
      kind: 'url',
      url,
      role,
      ...(mediaType === undefined ? {} : { mediaType }),
      ...(name === undefined ? {} : { name }),
    };
  });
  if (outputs.length > 0 && !outputs.some((output) => output.role === 'primary')) {
    outputs[0] = { ...outputs[0]!, role: 'primary' };
  }
  return outputs;
}
