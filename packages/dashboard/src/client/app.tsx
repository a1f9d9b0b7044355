import { useEffect, useState } from 'preact/hooks';
import { JobPage } from './job-page.js';
import { JobsPage } from './jobs-page.js';
import { ProvidersPage } from './providers-page.js';
import { SpendPage } from './spend-page.js';

const PAGES = [
  { hash: '#/jobs', title: 'Jobs' },
  { hash: '#/spend', title: 'Spend and credits' },
  { hash: '#/providers', title: 'Providers' },
] as const;

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/jobs');
  useEffect(() => {
    const update = () => setHash(location.hash || '#/jobs');
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return hash;
}

export function App() {
  const hash = useHash();
  const [path = '', search = ''] = hash.slice(1).split('?');
  const jobId = /^\/jobs\/(.+)$/.exec(path)?.[1];
  let page = <JobsPage search={search} />;
  if (jobId !== undefined) page = <JobPage id={decodeURIComponent(jobId)} />;
  else if (path === '/spend') page = <SpendPage />;
  else if (path === '/providers') page = <ProvidersPage />;
  return (
    <>
      <header>
        <strong>GenHub</strong>
        <nav>
          {PAGES.map((each) => (
            <a
              key={each.hash}
              href={each.hash}
              aria-current={hash.startsWith(each.hash) ? 'page' : undefined}
            >
              {each.title}
            </a>
          ))}
        </nav>
      </header>
      <main>{page}</main>
    </>
  );
}
