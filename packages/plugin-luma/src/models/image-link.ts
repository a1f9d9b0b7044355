import { type MediaInput, mediaInput } from '@genhub/provider';

/**
 * An input image as Luma takes it: a public HTTPS link, which Luma's servers fetch themselves. Luma's
 * API has no upload route ("currently this is the only way to pass an image", docs.lumalabs.ai/docs/api),
 * so a file or a plain http link is refused before any request, naming the parameter.
 */
export const imageLink = mediaInput.refine(
  (input: MediaInput) => /^https:\/\/[^/\s]+/i.test(input.url),
  'Luma takes images only as public HTTPS links; give the image as an https:// URL',
);
