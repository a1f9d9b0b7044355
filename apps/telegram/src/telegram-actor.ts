import type { ChatActor } from '@genhub/chat';
import type { Chat, User } from 'grammy/types';
import type { ChatAdmins } from './chat-admins.js';

/** The front end's name, kept with each job to find its message again. */
export const FRONT_END = 'telegram';

/**
 * Who is asking: `telegram:<user id>`, in a group also the community `telegram:<chat id>` and whether
 * they administer it (creator or administrator). An anonymous administrator writes as the group
 * itself (`sender_chat`), and is one; whoever writes as a chat is `telegram:<that chat's id>`.
 */
export async function telegramActor(
  admins: ChatAdmins,
  chat: Pick<Chat, 'id' | 'type'>,
  from: Pick<User, 'id'>,
  senderChat?: Pick<Chat, 'id'>,
): Promise<ChatActor> {
  if (chat.type === 'private')
    return { userId: `telegram:${from.id}`, isCommunityAdmin: false, frontEnd: FRONT_END };
  // Whoever writes as a chat (an anonymous admin as the group, a linked channel's post) has the same
  // `from` in every group (GroupAnonymousBot, Channel_Bot): they are that chat, not one shared user.
  const userId = `telegram:${senderChat?.id ?? from.id}`;
  const isCommunityAdmin = senderChat?.id === chat.id || (await admins.isAdmin(chat.id, from.id));
  return { userId, communityId: `telegram:${chat.id}`, isCommunityAdmin, frontEnd: FRONT_END };
}
