import { GenHubError, type MediaInput } from '@genhub/provider';

/**
 * Input images as BFL's `input_image`, `input_image_2`, ... fields. BFL takes a URL (which it
 * fetches) or base64; a `data:` URI is sent as its base64 payload.
 */
export function inputImageFields(images: readonly MediaInput[] | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [index, image] of (images ?? []).entries()) {
    fields[index === 0 ? 'input_image' : `input_image_${index + 1}`] = wireImage(image.url, index);
  }
  return fields;
}

function wireImage(url: string, index: number): string {
  if (/^https?:\/\//i.test(url)) return url;
  const data = /^data:[^,]*;base64,(.+)$/is.exec(url);
  if (data?.[1] !== undefined) return data[1];
  throw new GenHubError(
    'INVALID_INPUT',
    `Input image ${index + 1} is neither an http(s) link nor a base64 data URI; give the image as a link or a file.`,
    { retryable: false, details: { param: `images[${index}]` } },
  );
}

/** An edit needs a picture to edit: refused before any request when none is given. */
export function requireImagesForEdit(task: string, images: readonly MediaInput[] | undefined): void {
  if (task === 'image-to-image' && (images === undefined || images.length === 0)) {
    throw new GenHubError('INVALID_INPUT', 'Editing an image needs at least one input image in `images`.', {
      retryable: false,
      details: { param: 'images' },
    });
  }
}
