// The few fields of a user that other people may see, loaded for the views commands return; presenters
// turn a card into the shared PublicUser (presentPublicUser) or a former member when it is missing.
import { Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import type { UserDoc } from "../models/index.ts";

export type UserCard = Pick<UserDoc, "_id" | "displayName" | "sector" | "organisation">;

/** Cards of the given users, by id; unknown ids are left out (presenters show a former member). */
export async function userCardsById(
  ctx: AppContext,
  ids: Iterable<Types.ObjectId | string | null | undefined>,
): Promise<Map<string, UserCard>> {
  const unique = [
    ...new Set(
      [...ids]
        .filter((id): id is Types.ObjectId | string => Boolean(id))
        .map((id) => (typeof id === "string" ? id : id.toHexString())),
    ),
  ];
  if (unique.length === 0) return new Map();
  const users = await ctx.models.User.find(
    { _id: trusted({ $in: unique.map((id) => new Types.ObjectId(id)) }) },
    { displayName: 1, sector: 1, organisation: 1 },
  ).lean();
  return new Map(users.map((user) => [user._id.toHexString(), user]));
}
