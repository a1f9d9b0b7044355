import { useEffect, useState } from 'preact/hooks';
import type { ProviderStatus } from '../api-types.js';
import { getJson, onDashboardEvent } from './api.js';
import { when } from './format.js';

/** Every provider's state, health, balance and latency; the server pushes a new round as it checks. */
export function ProvidersPage() {
  const [providers, setProviders] = useState<ProviderStatus[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getJson<ProviderStatus[]>('/api/providers').then(setProviders, (failure: Error) =>
      setError(failure.message),
    );
    return onDashboardEvent((event) => {
      if (event.type === 'providers') setProviders(event.providers);
    });
  }, []);
  return (
    <section>
      <h1>Providers</h1>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>provider</th>
            <th>state</th>
            <th>models</th>
            <th>health</th>
            <th>latency</th>
            <th>balance</th>
            <th>checked (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {providers?.map((provider) => (
            <tr key={provider.id} data-provider={provider.id}>
              <td>
                {provider.name} <code>{provider.id}</code>
              </td>
              <td>{provider.state}</td>
              <td>{provider.models}</td>
              <td class={provider.healthy === false ? 'bad' : provider.healthy ? 'good' : ''}>
                {provider.healthy === null ? 'unknown' : provider.healthy ? 'healthy' : 'failing'}
                {provider.message ? `: ${provider.message}` : ''}
              </td>
              <td>{provider.latencyMs === null ? '' : `${provider.latencyMs} ms`}</td>
              <td>{provider.balance ?? ''}</td>
              <td>{when(provider.checkedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
