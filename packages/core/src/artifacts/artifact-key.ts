import { extensionFor, GenHubError } from '@genhub/provider';

const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The job id as a folder (or key prefix) name; refuses one that could reach outside it. */
export function jobFolder(jobId: string): string {
  if (!JOB_ID.test(jobId))
    throw new GenHubError('INTERNAL', `"${jobId}" cannot be used as a job folder name.`);
  return jobId;
}

/** Where a stored file lives in every store: `<jobId>/<artifactId>.<ext>`. */
export function artifactKey(jobId: string, artifactId: string, mediaType: string): string {
  return `${jobFolder(jobId)}/${artifactId}.${extensionFor(mediaType)}`;
}
