import { GenHubError } from '@genhub/provider';
import type { Kysely } from 'kysely';
import type { AuditEntry, Moderation } from '../moderation/moderation.js';
import type { Database } from './database-schema.js';
import { runShaped } from './shaped-query.js';
import type { StoreContext } from './store-context.js';

export const AUDIT_DEFAULT_LIMIT = 20;
export const AUDIT_MAX_LIMIT = 200;
/** The `scope` of an installation-wide block (a community id is never empty). */
const EVERYWHERE = '';
const MAX_TEXT = 500;

/** The audit log and user blocks on the Kysely store; a block and its audit entry commit together. */
export function createKyselyModeration(ctx: StoreContext): Moderation {
  const { db, transact, clock } = ctx;

  const insert = async (trx: Kysely<Database>, entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> => {
    if (entry.actor.trim() === '' || entry.action.trim() === '') {
      throw new GenHubError('INVALID_INPUT', 'An audit entry needs an actor and an action.');
    }
    const row = {
      at: clock.now(),
      actor: clip(entry.actor),
      action: clip(entry.action),
      community: entry.community,
      target: entry.target === null ? null : clip(entry.target),
      detail: entry.detail === null ? null : clip(entry.detail),
    };
    const { id } = await trx.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
    return { id: Number(id), ...row };
  };

  return {
    record: (entry) => transact((trx) => insert(trx, entry)),

    async log(query = {}) {
      const limit = Math.min(Math.max(1, Math.floor(query.limit ?? AUDIT_DEFAULT_LIMIT)), AUDIT_MAX_LIMIT);
      let select = db.selectFrom('audit_log').selectAll();
      if (query.community === null) select = select.where('community', 'is', null);
      else if (query.community !== undefined) select = select.where('community', '=', query.community);
      if (query.before !== undefined) select = select.where('id', '<', query.before);
      const rows = await select.orderBy('id', 'desc').limit(limit).execute();
      return rows.map((row) => ({ ...row, id: Number(row.id), at: Number(row.at) }));
    },

    async block({ actor, userId, community, reason }) {
      const scope = community ?? EVERYWHERE;
      await transact(async (trx) => {
        await trx
          .insertInto('user_blocks')
          .values({ user_id: userId, scope, actor, reason: reason ?? null, created_at: clock.now() })
          .onConflict((conflict) => conflict.columns(['user_id', 'scope']).doNothing())
          .execute();
        await insert(trx, { actor, action: 'block', community, target: userId, detail: reason ?? null });
      });
    },

    async unblock({ actor, userId, community }) {
      await transact(async (trx) => {
        await trx
          .deleteFrom('user_blocks')
          .where('user_id', '=', userId)
          .where('scope', '=', community ?? EVERYWHERE)
          .execute();
        await insert(trx, { actor, action: 'unblock', community, target: userId, detail: null });
      });
    },

    async isBlocked(userId, community) {
      const scopes = community === null ? [EVERYWHERE] : [EVERYWHERE, community];
      const rows = await runShaped(
        db,
        `is blocked ${scopes.length}`,
        [userId, ...scopes],
        ([userId, ...scopes]) =>
          db
            .selectFrom('user_blocks')
            .select('user_id')
            .where('user_id', '=', userId as string)
            .where('scope', 'in', scopes as string[]),
      );
      return rows.length > 0;
    },
  };
}

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}
