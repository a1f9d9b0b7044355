import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ActionResult, AuditRow, BlockRequest, GrantRequest, SpendReport } from '../api-types.js';
import { getJson, postJson } from './api.js';
import { usd, when } from './format.js';
import { SpendChart } from './spend-chart.js';

const DAYS = 30;

/** Spend per day by provider, task and community; balances; grants, take-backs and blocks. */
export function SpendPage() {
  const [report, setReport] = useState<SpendReport>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<ActionResult>();
  const [audit, setAudit] = useState<AuditRow[]>([]);
  const load = () => {
    getJson<SpendReport>(`/api/spend?days=${DAYS}`).then(setReport, (failure: Error) =>
      setError(failure.message),
    );
    getJson<AuditRow[]>('/api/audit').then(setAudit, (failure: Error) => setError(failure.message));
  };
  useEffect(() => {
    load();
  }, []);

  const days = useMemo(() => {
    if (!report) return [];
    const start = Date.parse(`${report.since}T00:00:00Z`);
    return Array.from({ length: DAYS }, (_, index) =>
      new Date(start + index * 86_400_000).toISOString().slice(0, 10),
    );
  }, [report]);

  const grant = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const amount = Number(form.get('usd'));
    const sign = (event as SubmitEvent).submitter?.getAttribute('value') === 'take' ? -1 : 1;
    const request: GrantRequest = {
      kind: form.get('kind') === 'community' ? 'community' : 'user',
      id: String(form.get('id') ?? '').trim(),
      usd: sign * Math.abs(amount),
      note: String(form.get('note') ?? '').trim(),
    };
    if (!request.id || !Number.isFinite(amount) || amount === 0) {
      setNotice({ ok: false, message: 'Give an account id and an amount in USD other than 0.' });
      return;
    }
    const result = await postJson('/api/credits', request);
    setNotice(result);
    if (result.ok) load();
  };

  const block = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const community = String(form.get('community') ?? '').trim();
    const request: BlockRequest = {
      userId: String(form.get('userId') ?? '').trim(),
      community: community === '' ? null : community,
      blocked: (event as SubmitEvent).submitter?.getAttribute('value') !== 'unblock',
      reason: String(form.get('reason') ?? '').trim(),
    };
    if (!request.userId) {
      setNotice({ ok: false, message: 'Give the user id to block, such as discord:123.' });
      return;
    }
    const result = await postJson('/api/blocks', request);
    setNotice(result);
    if (result.ok) load();
  };

  return (
    <section>
      <h1>Spend and credits</h1>
      {error && <p role="alert">{error}</p>}
      {notice && (
        <p role="status" class={notice.ok ? 'good' : 'bad'}>
          {notice.message}
        </p>
      )}
      {report && (
        <div class="charts">
          <SpendChart points={report.points} days={days} by="provider" title="Spend per day by provider" />
          <SpendChart points={report.points} days={days} by="task" title="Spend per day by task" />
          <SpendChart points={report.points} days={days} by="community" title="Spend per day by community" />
        </div>
      )}
      <h2>Grant or take back credits</h2>
      <form class="action" onSubmit={grant} aria-label="grant credits">
        <label>
          account
          <select name="kind">
            <option value="user">user</option>
            <option value="community">community</option>
          </select>
        </label>
        <label>
          id
          <input name="id" placeholder="discord:123" required />
        </label>
        <label>
          USD
          <input name="usd" type="number" step="0.01" min="0.01" required />
        </label>
        <label>
          note
          <input name="note" maxLength={200} />
        </label>
        <button type="submit" value="grant">
          Grant
        </button>
        <button type="submit" value="take">
          Take back
        </button>
      </form>
      <h2>Block a user</h2>
      <form class="action" onSubmit={block} aria-label="block a user">
        <label>
          user
          <input name="userId" placeholder="discord:123" required />
        </label>
        <label>
          community (empty: everywhere)
          <input name="community" />
        </label>
        <label>
          reason
          <input name="reason" maxLength={200} />
        </label>
        <button type="submit" value="block">
          Block
        </button>
        <button type="submit" value="unblock">
          Unblock
        </button>
      </form>
      <h2>Balances</h2>
      <table class="balances">
        <thead>
          <tr>
            <th>account</th>
            <th>id</th>
            <th>available</th>
            <th>held for running jobs</th>
          </tr>
        </thead>
        <tbody>
          {report?.balances.map((balance) => (
            <tr key={`${balance.kind}:${balance.id}`} data-account={`${balance.kind}:${balance.id}`}>
              <td>{balance.kind}</td>
              <td>{balance.id}</td>
              <td class="available">{usd(balance.availableMicros)}</td>
              <td>{usd(balance.reservedMicros)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Audit log</h2>
      <table class="audit">
        <thead>
          <tr>
            <th>when (UTC)</th>
            <th>who</th>
            <th>what</th>
            <th>community</th>
            <th>target</th>
            <th>detail</th>
          </tr>
        </thead>
        <tbody>
          {audit.map((entry) => (
            <tr key={entry.id}>
              <td>{when(entry.at)}</td>
              <td>{entry.actor}</td>
              <td>{entry.action}</td>
              <td>{entry.community ?? '(everywhere)'}</td>
              <td>{entry.target ?? ''}</td>
              <td>{entry.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
