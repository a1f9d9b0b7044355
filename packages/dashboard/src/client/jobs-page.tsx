import { useEffect, useState } from 'preact/hooks';
import type { JobList } from '../api-types.js';
import { getJson, onDashboardEvent } from './api.js';
import { usd, when } from './format.js';

const RELOAD_MS = 300;
const FILTERS = ['user', 'community', 'task', 'provider', 'state'] as const;
const STATES = [
  '',
  'queued',
  'submitting',
  'running',
  'downloading',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
];

/** Jobs newest first, filtered through the hash (`#/jobs?user=...`), refreshed as jobs move. */
export function JobsPage({ search }: { search: string }) {
  const filters = new URLSearchParams(search);
  const [list, setList] = useState<JobList>();
  const [error, setError] = useState<string>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [pages, setPages] = useState<(string | null)[]>([]);

  useEffect(() => {
    let stale = false;
    let timer: number | undefined;
    const load = () => {
      const query = new URLSearchParams(filters);
      if (cursor) query.set('cursor', cursor);
      getJson<JobList>(`/api/jobs?${query}`).then(
        (loaded) => {
          if (stale) return;
          setList(loaded);
          setError(undefined);
        },
        (failure: Error) => !stale && setError(failure.message),
      );
    };
    load();
    // A job on the page changes in place; a new one (it may match the filters) reloads the page, at
    // most once per RELOAD_MS however many events arrive.
    const stop = onDashboardEvent((event) => {
      if (event.type !== 'job') return;
      let shown = false;
      setList((current) => {
        if (!current?.items.some((job) => job.id === event.job.id)) return current;
        shown = true;
        return { ...current, items: current.items.map((job) => (job.id === event.job.id ? event.job : job)) };
      });
      if (shown || timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        load();
      }, RELOAD_MS);
    });
    return () => {
      stale = true;
      clearTimeout(timer);
      stop();
    };
  }, [search, cursor]);

  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value) query.set(name, value);
    }
    setCursor(null);
    setPages([]);
    location.hash = `#/jobs${query.size > 0 ? `?${query}` : ''}`;
  };

  return (
    <section>
      <h1>Jobs</h1>
      <form class="filters" onSubmit={apply}>
        {FILTERS.filter((name) => name !== 'state').map((name) => (
          <label key={name}>
            {name}
            <input name={name} defaultValue={filters.get(name) ?? ''} />
          </label>
        ))}
        <label>
          state
          <select name="state" defaultValue={filters.get('state') ?? ''}>
            {STATES.map((state) => (
              <option key={state} value={state}>
                {state || 'any'}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>created (UTC)</th>
            <th>user</th>
            <th>community</th>
            <th>task</th>
            <th>model</th>
            <th>state</th>
            <th>cost</th>
            <th>prompt</th>
          </tr>
        </thead>
        <tbody>
          {list?.items.map((job) => (
            <tr key={job.id} data-job={job.id}>
              <td>
                <a href={`#/jobs/${encodeURIComponent(job.id)}`}>{when(job.createdAt)}</a>
              </td>
              <td>{job.userId}</td>
              <td>{job.communityId ?? ''}</td>
              <td>{job.task}</td>
              <td>{job.model}</td>
              <td class={`state state-${job.state}`}>{job.state}</td>
              <td>{usd(job.costMicros)}</td>
              <td class="prompt">{job.prompt ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list?.items.length === 0 && <p>No jobs match.</p>}
      <p class="pager">
        {pages.length > 0 && (
          <button
            type="button"
            onClick={() => {
              setCursor(pages.at(-1) ?? null);
              setPages(pages.slice(0, -1));
            }}
          >
            Newer
          </button>
        )}
        {list?.nextCursor && (
          <button
            type="button"
            onClick={() => {
              setPages([...pages, cursor]);
              setCursor(list.nextCursor);
            }}
          >
            Older
          </button>
        )}
      </p>
    </section>
  );
}
