// Shapes users for the wire: the full profile for its owner, the public card for everyone else.
import type { PublicUser, Sector, User } from "@mufakat/shared";
import type { UserDoc } from "../models/index.ts";

export function presentUser(user: UserDoc): User {
  return {
    id: user._id.toHexString(),
    email: user.email,
    displayName: user.displayName,
    sector: user.sector as Sector,
    organisation: user.organisation,
    locale: (user.locale ?? "id") as "id" | "en",
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentPublicUser(user: Pick<UserDoc, "_id" | "displayName" | "sector" | "organisation">): PublicUser {
  return {
    id: user._id.toHexString(),
    displayName: user.displayName,
    sector: user.sector as Sector,
    organisation: user.organisation,
  };
}

/** Stands in for an account that no longer exists, so old records still render. */
export function formerUser(id: string): PublicUser {
  return { id, displayName: "(former member)", sector: "community", organisation: "" };
}
