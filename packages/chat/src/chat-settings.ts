import { type AllowanceOverrides, type RecordStore, TASKS, type Task } from '@genhub/core';
import { z } from 'zod';
import { communitySafetySchema } from './safety-level.js';

const taskKey = z.enum(TASKS as unknown as [Task, ...Task[]]);

/** A user's defaults; a community's are the same plus its own rules. */
export const userSettingsSchema = z.object({
  /** The model to use per task when a command names none. */
  models: z.partialRecord(taskKey, z.string().min(1)).default({}),
  aspectRatio: z.string().min(1).optional(),
  quality: z.string().min(1).optional(),
  /** `private`: answers only the user sees, where the platform allows. */
  privacy: z.enum(['public', 'private']).optional(),
  /** `dm`: results go to the user's direct messages. */
  delivery: z.enum(['here', 'dm']).optional(),
});

export const communitySettingsSchema = userSettingsSchema.extend({
  /** The only models members may use; absent for all. */
  allowedModels: z.array(z.string().min(1)).optional(),
  /** Whose credits pay for members' generations. */
  payer: z.enum(['user', 'community']).optional(),
  /** The most a member may spend per day in USD, on top of GenHub's own budget. */
  memberDailyUsd: z.number().min(0).optional(),
  /** Generations above this price ask for confirmation, instead of GenHub's default. */
  confirmAboveUsd: z.number().min(0).optional(),
  /** Free allowances for members here, in USD; core caps each at the operator's own. */
  welcomeUsd: z.number().min(0).optional(),
  dailyFreeUsd: z.number().min(0).optional(),
  /** Safety levels and spoilers (`/admin safety`). */
  safety: communitySafetySchema.optional(),
});

/** The free allowances a community's admins set, as core takes them. */
export function communityAllowances(community: CommunitySettings | undefined): AllowanceOverrides {
  return { welcomeUsd: community?.welcomeUsd, dailyFreeUsd: community?.dailyFreeUsd };
}

export type UserSettings = z.output<typeof userSettingsSchema>;
export type CommunitySettings = z.output<typeof communitySettingsSchema>;

/** What applies to one request: the user's choices over the community's defaults, and its rules. */
export interface EffectiveSettings {
  models: Partial<Record<Task, string>>;
  aspectRatio?: string;
  quality?: string;
  privacy: 'public' | 'private';
  delivery: 'here' | 'dm';
  community?: CommunitySettings;
}

const USER = 'chat.user-settings';
const COMMUNITY = 'chat.community-settings';

/** Users' and communities' settings, kept in the store's records. */
export class ChatSettings {
  constructor(private readonly records: RecordStore) {}

  async user(userId: string): Promise<UserSettings> {
    return read(userSettingsSchema, await this.records.get(USER, userId));
  }

  async community(communityId: string): Promise<CommunitySettings> {
    return read(communitySettingsSchema, await this.records.get(COMMUNITY, communityId));
  }

  async updateUser(userId: string, change: (current: UserSettings) => UserSettings): Promise<UserSettings> {
    const next = userSettingsSchema.parse(change(await this.user(userId)));
    await this.records.put(USER, userId, JSON.parse(JSON.stringify(next)));
    return next;
  }

  async updateCommunity(
    communityId: string,
    change: (current: CommunitySettings) => CommunitySettings,
  ): Promise<CommunitySettings> {
    const next = communitySettingsSchema.parse(change(await this.community(communityId)));
    await this.records.put(COMMUNITY, communityId, JSON.parse(JSON.stringify(next)));
    return next;
  }

  async effective(userId: string, communityId: string | undefined): Promise<EffectiveSettings> {
    const user = await this.user(userId);
    const community = communityId === undefined ? undefined : await this.community(communityId);
    const pick = <K extends 'aspectRatio' | 'quality'>(key: K) => user[key] ?? community?.[key];
    const aspectRatio = pick('aspectRatio');
    const quality = pick('quality');
    return {
      models: { ...community?.models, ...user.models },
      ...(aspectRatio === undefined ? {} : { aspectRatio }),
      ...(quality === undefined ? {} : { quality }),
      privacy: user.privacy ?? community?.privacy ?? 'public',
      delivery: user.delivery ?? community?.delivery ?? 'here',
      ...(community === undefined ? {} : { community }),
    };
  }
}

/** Stored settings that no longer parse (an older version wrote them) read as defaults, never as a crash. */
function read<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  return parsed.success ? parsed.data : schema.parse({});
}
