import sharp from 'sharp';

/** The longest edge of a vector result's preview, in pixels. */
const PREVIEW_EDGE = 1024;

/**
 * A stored (already sanitized) SVG drawn as a PNG, its longest edge 1024 pixels, on white (chat
 * apps show transparency on dark backgrounds, where black line art vanishes). Chat shows this
 * picture; the SVG itself goes along as a document.
 */
export async function vectorPreview(svg: Uint8Array): Promise<Uint8Array> {
  const png = await sharp(svg, { density: 144 })
    .resize(PREVIEW_EDGE, PREVIEW_EDGE, { fit: 'inside' })
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}
