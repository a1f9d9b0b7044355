import sharp from 'sharp';

/** The longest edge of one cell of the grid, in pixels. */
const CELL = 512;

/**
 * Four pictures as one 2x2 PNG, as Midjourney shows its four candidates: each scaled to fit a cell
 * of the largest picture's aspect ratio, centred on black.
 */
export async function imageGrid(images: readonly Uint8Array[]): Promise<Uint8Array> {
  if (images.length !== 4) throw new Error('A grid takes exactly four images.');
  const sizes = await Promise.all(images.map((image) => sharp(image).metadata()));
  const widest = sizes.reduce((best, size) =>
    (size.width ?? 1) * (size.height ?? 1) > (best.width ?? 1) * (best.height ?? 1) ? size : best,
  );
  const ratio = (widest.width ?? 1) / (widest.height ?? 1);
  const cellWidth = ratio >= 1 ? CELL : Math.max(1, Math.round(CELL * ratio));
  const cellHeight = ratio >= 1 ? Math.max(1, Math.round(CELL / ratio)) : CELL;
  const cells = await Promise.all(
    images.map((image) =>
      sharp(image)
        .resize(cellWidth, cellHeight, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 1 } })
        .png()
        .toBuffer(),
    ),
  );
  const grid = await sharp({
    create: { width: cellWidth * 2, height: cellHeight * 2, channels: 3, background: { r: 0, g: 0, b: 0 } },
  })
    .composite(
      cells.map((input, index) => ({
        input,
        left: (index % 2) * cellWidth,
        top: Math.floor(index / 2) * cellHeight,
      })),
    )
    .png()
    .toBuffer();
  return new Uint8Array(grid);
}
