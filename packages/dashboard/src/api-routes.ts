import type { IncomingMessage, ServerResponse } from 'node:http';
import { type GenHub, GenHubError, JOB_STATES, type JobFilter, TASKS } from '@genhub/core';
import { z } from 'zod';
import {
  type ActionResult,
  type AuditRow,
  type BalanceRow,
  DASHBOARD_ACTOR,
  type DashboardEvent,
  type JobList,
  type SpendReport,
} from './api-types.js';
import { jobDetail, jobSummary, providerOf } from './job-view.js';
import type { ProviderMonitor } from './provider-monitor.js';
import { readJsonBody } from './read-json-body.js';

const DAY_MS = 86_400_000;
const DEFAULT_SPEND_DAYS = 30;
const MAX_SPEND_DAYS = 366;
/** A comment line on every event stream this often, so proxies keep it open. */
const HEARTBEAT_MS = 25_000;

const grantSchema = z
  .object({
    kind: z.enum(['user', 'community']),
    id: z.string().trim().min(1).max(200),
    usd: z
      .number()
      .finite()
      .refine((usd) => usd !== 0 && Math.abs(usd) <= 1_000_000),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

const blockSchema = z
  .object({
    userId: z.string().trim().min(1).max(200),
    community: z.string().trim().min(1).max(200).nullable(),
    blocked: z.boolean(),
    reason: z.string().trim().max(200).optional(),
  })
  .strict();

const jobFilterSchema = z.object({
  user: z.string().trim().min(1).max(200).optional(),
  community: z.string().trim().min(1).max(200).optional(),
  task: z.enum(TASKS).optional(),
  provider: z.string().trim().min(1).max(100).optional(),
  state: z.enum(JOB_STATES).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

type Headers = Readonly<Record<string, string>>;
export type ApiRoutes = ((
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  headers: Headers,
) => Promise<void>) & { close(): void };

/** The dashboard's data endpoints under `/api`, for a request already known to be the operator's. */
export function apiRoutes(genhub: GenHub, monitor: ProviderMonitor): ApiRoutes {
  const streams = new Set<ServerResponse>();

  const routes = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    headers: Headers,
  ) => {
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    const refuse = (status: number, message: string) =>
      json(status, { ok: false, message } satisfies ActionResult);
    const query = Object.fromEntries(new URL(request.url ?? '/', 'http://x').searchParams);
    const method = request.method ?? 'GET';

    if (method === 'GET' && path === '/jobs') {
      const parsed = jobFilterSchema.safeParse(query);
      if (!parsed.success)
        return refuse(400, `The filter "${String(parsed.error.issues[0]?.path[0])}" is not valid.`);
      const { user, community, task, provider, state, cursor, limit } = parsed.data;
      const filter: JobFilter = {
        ...(user === undefined ? {} : { userId: user }),
        ...(community === undefined ? {} : { communityId: community }),
        ...(task === undefined ? {} : { task }),
        ...(provider === undefined ? {} : { provider }),
        ...(state === undefined ? {} : { state }),
        ...(cursor === undefined ? {} : { cursor }),
        limit: limit ?? 50,
      };
      let page: Awaited<ReturnType<typeof genhub.store.reports.jobs>>;
      try {
        page = await genhub.store.reports.jobs(filter);
      } catch (error) {
        if (GenHubError.isInstance(error) && error.code === 'INVALID_INPUT')
          return refuse(400, 'That page of jobs is not valid; start from the first page.');
        throw error;
      }
      return json(200, { items: page.items.map(jobSummary), nextCursor: page.nextCursor } satisfies JobList);
    }
    if (method === 'GET' && path.startsWith('/jobs/')) {
      const id = decodedOrUndefined(path.slice('/jobs/'.length));
      const job = id === undefined ? undefined : await genhub.store.jobs.get(id);
      if (job === undefined) return refuse(404, 'There is no such job; it may have been typed wrong.');
      return json(200, await jobDetail(job, await genhub.store.reports.jobEntries(job.id), genhub.links));
    }
    if (method === 'GET' && path === '/spend') {
      const days = Math.min(
        MAX_SPEND_DAYS,
        Math.max(1, Math.floor(Number(query.days ?? DEFAULT_SPEND_DAYS)) || DEFAULT_SPEND_DAYS),
      );
      const since = Math.floor(Date.now() / DAY_MS - (days - 1)) * DAY_MS;
      const [rows, balances] = await Promise.all([
        genhub.store.reports.spendByDay(since),
        genhub.store.reports.balances(),
      ]);
      return json(200, {
        since: new Date(since).toISOString().slice(0, 10),
        points: rows.map((row) => ({
          day: row.day,
          provider: providerOf(row.model),
          task: row.task,
          community: row.communityId ?? '(direct)',
          micros: row.micros,
        })),
        balances: balances.map(
          (balance): BalanceRow => ({
            ...balance.account,
            availableMicros: balance.availableMicros,
            reservedMicros: balance.reservedMicros,
          }),
        ),
      } satisfies SpendReport);
    }
    if (method === 'GET' && path === '/providers') return json(200, await monitor.current());
    if (method === 'GET' && path === '/events') return openStream(request, response, headers);
    if (method === 'POST' && path === '/credits') {
      const parsed = grantSchema.safeParse(await readJsonBody(request));
      if (!parsed.success)
        return refuse(400, 'Give an account (user or community, with its id) and a non-zero amount in USD.');
      const { kind, id, usd, note } = parsed.data;
      const micros = Math.round(usd * 1e6);
      const account = { kind, id };
      try {
        const what = note || (micros > 0 ? 'grant' : 'take back');
        const balance = await genhub.store.ledger.grant(account, micros, `${DASHBOARD_ACTOR}: ${what}`);
        await genhub.moderation.record({
          actor: DASHBOARD_ACTOR,
          action: 'grant',
          community: kind === 'community' ? id : null,
          target: kind === 'user' ? id : null,
          detail: `${micros > 0 ? '+' : '-'}$${Math.abs(usd).toFixed(2)}: ${what}`,
        });
        const row: BalanceRow = {
          kind,
          id,
          availableMicros: balance.availableMicros,
          reservedMicros: balance.reservedMicros,
        };
        return json(200, {
          ok: true,
          message: `${micros > 0 ? 'Granted' : 'Took back'} $${Math.abs(usd).toFixed(2)} ${micros > 0 ? 'to' : 'from'} ${kind === 'community' ? 'community ' : ''}${id}.`,
          balance: row,
        } satisfies ActionResult);
      } catch (error) {
        if (GenHubError.isInstance(error) && error.code === 'INSUFFICIENT_FUNDS') {
          const available = Number(error.details.availableMicros ?? 0) / 1e6;
          return refuse(
            409,
            `Only $${available.toFixed(2)} is available to take back (money held for running jobs stays); take back less.`,
          );
        }
        throw error;
      }
    }
    if (method === 'POST' && path === '/blocks') {
      const parsed = blockSchema.safeParse(await readJsonBody(request));
      if (!parsed.success)
        return refuse(
          400,
          'Give the user id (such as discord:123) and the community, or none for everywhere.',
        );
      const { userId, community, blocked, reason } = parsed.data;
      const where = community === null ? 'everywhere' : `in community ${community}`;
      if (blocked) {
        await genhub.moderation.block({
          actor: DASHBOARD_ACTOR,
          userId,
          community,
          ...(reason ? { reason } : {}),
        });
      } else {
        await genhub.moderation.unblock({ actor: DASHBOARD_ACTOR, userId, community });
      }
      return json(200, {
        ok: true,
        message: `${blocked ? 'Blocked' : 'Unblocked'} ${userId} ${where}.`,
      } satisfies ActionResult);
    }
    if (method === 'GET' && path === '/audit') {
      const entries = await genhub.moderation.log({ limit: 50 });
      return json(200, entries satisfies AuditRow[]);
    }
    return refuse(404, 'No such dashboard endpoint.');
  };

  function openStream(request: IncomingMessage, response: ServerResponse, headers: Headers): void {
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    const send = (event: DashboardEvent) =>
      response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    streams.add(response);
    const stopJobs = genhub.generation.events.subscribe((event) =>
      send({ type: 'job', job: jobSummary(event.job) }),
    );
    const stopProviders = monitor.watch((providers) => send({ type: 'providers', providers }));
    const heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      stopJobs();
      stopProviders();
      streams.delete(response);
    };
    request.once('close', close);
    response.write('retry: 3000\n\n');
    monitor.current().then(
      (providers) => send({ type: 'providers', providers }),
      () => {},
    );
  }

  return Object.assign(routes, {
    close() {
      for (const stream of streams) stream.end();
    },
  });
}

function decodedOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
