// Shapes delegations for the wire: who delegated to whom, in which scope, with public user cards.
import type { Delegation } from "@mufakat/shared";
import type { UserCard } from "../commands/userCards.ts";
import type { DelegationDoc } from "../models/delegations.ts";
import { formerUser, presentPublicUser } from "./users.ts";

export function presentDelegation(doc: DelegationDoc, cards: Map<string, UserCard>): Delegation {
  const card = (id: string) => {
    const found = cards.get(id);
    return found ? presentPublicUser(found) : formerUser(id);
  };
  return {
    roomId: doc.roomId.toHexString(),
    scope: doc.motionId ? "motion" : "room",
    motionId: doc.motionId?.toHexString() ?? null,
    delegator: card(doc.delegatorId.toHexString()),
    delegate: card(doc.delegateId.toHexString()),
    createdAt: doc.createdAt.toISOString(),
  };
}
