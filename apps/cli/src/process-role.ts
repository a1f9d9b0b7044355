import {
  assertRoleCanRun,
  ConfigError,
  type GenHubConfig,
  PROCESS_ROLES,
  type ProcessRole,
} from '@genhub/core';

export type RoleChoice = { ok: true; config: GenHubConfig } | { ok: false; sentence: string };

/**
 * The role `genhub start` runs in: `--role` over GENHUB_ROLE (already in `config`). A role other
 * than `all` needs Redis, where the processes share their jobs; without it, one sentence says so.
 */
export function chooseRole(flag: string | undefined, config: GenHubConfig): RoleChoice {
  if (flag !== undefined && !PROCESS_ROLES.includes(flag as ProcessRole)) {
    return { ok: false, sentence: `The role must be ${PROCESS_ROLES.join(', ')} (--role or GENHUB_ROLE).` };
  }
  const chosen = { ...config, role: (flag as ProcessRole | undefined) ?? config.role };
  try {
    assertRoleCanRun(chosen);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      ok: false,
      sentence: `A ${chosen.role} process shares its jobs with other processes through Redis: set GENHUB_REDIS_URL, or start with --role all.`,
    };
  }
  return { ok: true, config: chosen };
}
