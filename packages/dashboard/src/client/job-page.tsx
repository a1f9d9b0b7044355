import { useEffect, useState } from 'preact/hooks';
import type { JobDetail, JobOutput } from '../api-types.js';
import { getJson, onDashboardEvent } from './api.js';
import { bytes, usd, when } from './format.js';
import { ModelView } from './model-view.js';

/** One job: prompt, parameters, warnings, timeline, cost and its files shown in place. */
export function JobPage({ id }: { id: string }) {
  const [job, setJob] = useState<JobDetail>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let stale = false;
    const load = () =>
      getJson<JobDetail>(`/api/jobs/${encodeURIComponent(id)}`).then(
        (loaded) => !stale && setJob(loaded),
        (failure: Error) => !stale && setError(failure.message),
      );
    load();
    const stop = onDashboardEvent((event) => {
      if (event.type === 'job' && event.job.id === id) load();
    });
    return () => {
      stale = true;
      stop();
    };
  }, [id]);

  if (error) return <p role="alert">{error}</p>;
  if (!job) return <p>Loading…</p>;
  return (
    <section>
      <h1>
        Job <code>{job.id}</code>
      </h1>
      <dl class="facts">
        <dt>state</dt>
        <dd class={`state state-${job.state}`} data-state={job.state}>
          {job.state}
          {job.progress ? ` (${job.progress})` : ''}
        </dd>
        <dt>user</dt>
        <dd>{job.userId}</dd>
        <dt>community</dt>
        <dd>{job.communityId ?? '(none)'}</dd>
        <dt>task</dt>
        <dd>{job.task}</dd>
        <dt>model</dt>
        <dd>
          {job.model}
          {job.route.length > 1 ? ` (route: ${job.route.join(' → ')})` : ''}
        </dd>
        <dt>paid by</dt>
        <dd>{job.payer}</dd>
        <dt>cost</dt>
        <dd>
          {job.chargedMicros === null
            ? `${usd(job.reservedMicros)} held`
            : `${usd(job.chargedMicros)} charged`}
        </dd>
        {job.error && (
          <>
            <dt>error</dt>
            <dd>{job.error}</dd>
          </>
        )}
      </dl>
      <h2>Prompt</h2>
      <p class="prompt-full">{job.prompt ?? '(none)'}</p>
      <h2>Parameters</h2>
      <pre>{JSON.stringify(job.params, null, 2)}</pre>
      {job.warnings.length > 0 && (
        <>
          <h2>Warnings</h2>
          <ul>
            {job.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </>
      )}
      <h2>Timeline</h2>
      <ol class="timeline">
        {job.timeline.map((step) => (
          <li key={`${step.at}-${step.what}`}>
            <time>{when(step.at)}</time> {step.what}
          </li>
        ))}
      </ol>
      <h2>Outputs</h2>
      {job.outputs.length === 0 && <p>No files yet.</p>}
      <div class="outputs">
        {job.outputs.map((output) => (
          <figure key={output.id}>
            <OutputView output={output} />
            <figcaption>
              <a href={output.url} download>
                {output.mediaType}
              </a>{' '}
              · {bytes(output.bytes)} · {output.role}
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

function OutputView({ output }: { output: JobOutput }) {
  const type = output.mediaType;
  // biome-ignore lint/a11y/useMediaCaption: generated media come with no captions to offer.
  if (type.startsWith('video/')) return <video src={output.url} controls preload="metadata" />;
  // biome-ignore lint/a11y/useMediaCaption: generated media come with no captions to offer.
  if (type.startsWith('audio/')) return <audio src={output.url} controls preload="metadata" />;
  // SVG too: the file route serves it sanitized, and an <img> never runs a script in it.
  if (type.startsWith('image/')) return <img src={output.url} alt={`output ${output.id}`} />;
  if (type === 'model/gltf-binary') return <ModelView src={output.url} />;
  return <p>No preview for {type}.</p>;
}
