// Who may change a chat message or comment: only its author, while a member of the room — any member may
// take back what they wrote (delete), only one who may still write may edit.
import type { MessageAbilities } from "../schemas/abilities.ts";
import { type PolicyActor, hasAccess } from "./access.ts";
import { levelFor } from "./room.ts";

export interface PolicyMessage {
  authorId: string;
}

export function ownsMessage(actor: Pick<PolicyActor, "userId">, message: PolicyMessage): boolean {
  return message.authorId === actor.userId;
}

export function messageAbilities(actor: PolicyActor, message: PolicyMessage): MessageAbilities {
  const mine = ownsMessage(actor, message);
  return {
    edit: mine && hasAccess(actor.role, levelFor("message.edit")),
    delete: mine && hasAccess(actor.role, levelFor("message.delete")),
  };
}
