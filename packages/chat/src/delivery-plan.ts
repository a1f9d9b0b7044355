import {
  type ArtifactLinks,
  type ArtifactRecord,
  type ArtifactStore,
  extensionFor,
  formatBytes,
  type JobRecord,
  mediaKind,
} from '@genhub/core';
import type { ChatFile, SurfaceLimits } from './chat-message.js';
import { imageGrid } from './image-grid.js';
import { vectorPreview } from './vector-preview.js';

/** A result that goes out as a link, with why. */
export interface DeliveryLink {
  name: string;
  url: string;
  bytes: number;
  reason: 'too-large' | 'too-many';
}

/** How a finished job's files reach the chat: attached where they fit, linked where they do not. */
export interface DeliveryPlan {
  files: ChatFile[];
  links: DeliveryLink[];
}

export interface DeliveryDeps {
  artifacts: ArtifactStore;
  links: ArtifactLinks;
}

/**
 * Plans the files of a finished job for one chat: four images get a 2x2 grid picture first (the
 * originals attached after it); an SVG gets a PNG picture of it just before it, since chat apps
 * show no SVG; every file over the upload limit, or past the file cap, is an expiring link to
 * the stored file instead. Nothing is dropped. Files of a job marked `spoiler` in its origin
 * (a mature result where the community asked for it) are marked to go behind the platform's spoiler.
 */
export async function planDelivery(
  job: JobRecord,
  deps: DeliveryDeps,
  limits: Pick<SurfaceLimits, 'maxUploadBytes' | 'maxFilesPerMessage'>,
): Promise<DeliveryPlan> {
  const ordered = [
    ...job.outputs.filter((output) => output.role === 'primary'),
    ...job.outputs.filter((output) => output.role !== 'primary'),
  ];
  const candidates: ChatFile[] = ordered.map((artifact, index) => artifactFile(job, artifact, index, deps));
  const grid = await gridFile(job, candidates, limits);
  const files: ChatFile[] = grid ? [grid] : [];
  const links: DeliveryLink[] = [];
  for (const [index, file] of candidates.entries()) {
    const artifact = ordered[index] as ArtifactRecord;
    const link = async (reason: DeliveryLink['reason']) =>
      links.push({ name: file.name, url: await deps.links.url(job.id, artifact), bytes: file.bytes, reason });
    // The preview only with room for it and for the SVG too (unless the SVG is a link anyway).
    const preview = file.kind === 'vector' ? await previewFile(file, limits) : undefined;
    const attached = file.bytes <= limits.maxUploadBytes ? 2 : 1;
    if (preview && files.length + attached <= limits.maxFilesPerMessage) files.push(preview);
    if (file.bytes > limits.maxUploadBytes) await link('too-large');
    else if (files.length >= limits.maxFilesPerMessage) await link('too-many');
    else files.push(file);
  }
  return { files, links };
}

/** One line per link, saying why it is a link. */
export function describeLinks(links: readonly DeliveryLink[]): string[] {
  return links.map((link) =>
    link.reason === 'too-large'
      ? `${link.name} (${formatBytes(link.bytes)}, too large to attach here): ${link.url}`
      : `${link.name} (${formatBytes(link.bytes)}): ${link.url}`,
  );
}

function artifactFile(job: JobRecord, artifact: ArtifactRecord, index: number, deps: DeliveryDeps): ChatFile {
  const suffix = artifact.role === 'preview' ? '-preview' : '';
  return {
    name: `${job.id}-${index + 1}${suffix}.${extensionFor(artifact.mediaType)}`,
    ...spoilerOf(job),
    mediaType: artifact.mediaType,
    kind: mediaKind(artifact.mediaType),
    bytes: artifact.bytes,
    read: () => readAll(deps.artifacts.read(artifact.key)),
    stream: () => deps.artifacts.read(artifact.key),
  };
}

async function gridFile(
  job: JobRecord,
  candidates: readonly ChatFile[],
  limits: Pick<SurfaceLimits, 'maxUploadBytes' | 'maxFilesPerMessage'>,
): Promise<ChatFile | undefined> {
  const images = candidates.filter((file) => file.kind === 'image' && file.mediaType !== 'image/gif');
  if (images.length !== 4 || candidates.length !== 4 || limits.maxFilesPerMessage < 5) return undefined;
  if (images.some((image) => image.bytes > 50 * 1024 * 1024)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await imageGrid(await Promise.all(images.map((image) => image.read())));
  } catch {
    return undefined; // An image sharp cannot read: the originals still go out.
  }
  if (bytes.length > limits.maxUploadBytes) return undefined;
  return {
    name: `${job.id}-grid.png`,
    ...spoilerOf(job),
    mediaType: 'image/png',
    kind: 'image',
    bytes: bytes.length,
    read: async () => bytes,
  };
}

/** Most bytes of SVG drawn for a preview; a larger one goes out without a picture. */
const MAX_PREVIEWED_SVG_BYTES = 10 * 1024 * 1024;

/** The PNG picture of an SVG result, named after it; undefined when it cannot be drawn or sent. */
async function previewFile(
  svg: ChatFile,
  limits: Pick<SurfaceLimits, 'maxUploadBytes'>,
): Promise<ChatFile | undefined> {
  if (svg.bytes > MAX_PREVIEWED_SVG_BYTES) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await vectorPreview(await svg.read());
  } catch {
    return undefined; // A drawing sharp cannot render: the SVG still goes out.
  }
  if (bytes.length > limits.maxUploadBytes) return undefined;
  return {
    name: svg.name.replace(/\.svg$/, '-preview.png'),
    ...(svg.spoiler ? { spoiler: true } : {}),
    mediaType: 'image/png',
    kind: 'image',
    bytes: bytes.length,
    read: async () => bytes,
  };
}

/** A job made at `mature` in a community that asked for spoilers posts its files behind one. */
function spoilerOf(job: JobRecord): { spoiler?: true } {
  return job.origin.spoiler === true ? { spoiler: true } : {};
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}
