// What the caller may do with what a response returns (as Outline presents policies): one boolean per
// ability, computed on the server from the pure policies in ../policies, so the client never re-derives
// a role rule. The names live here, apart from the policies, so the entity schemas can embed them.
import { z } from "zod";

function abilitiesSchema<const Name extends string>(names: readonly Name[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, z.boolean()])) as Record<Name, z.ZodBoolean>);
}

/** Everything a member may do in a room as a whole (proposals, discussion, motions, records, members). */
export const roomAbilityNames = [
  "view",
  "join",
  "post",
  "editSettings",
  "changeStage",
  "invite",
  "manageMembers",
  "openMotion",
  "correctDecision",
  "reviewDecisions",
  "viewReport",
  "exportRecords",
  "createCommitment",
  "assignCommitment",
  "createPledge",
] as const;
export type RoomAbility = (typeof roomAbilityNames)[number];
export const roomAbilitiesSchema = abilitiesSchema(roomAbilityNames);
export type RoomAbilities = z.infer<typeof roomAbilitiesSchema>;

export const motionAbilityNames = ["vote", "closeMotion"] as const;
export const motionAbilitiesSchema = abilitiesSchema(motionAbilityNames);
export type MotionAbilities = z.infer<typeof motionAbilitiesSchema>;

/** A commitment's status and progress notes (`updateStatus`) and its text, organisation and due date (`edit`). */
export const commitmentAbilityNames = ["updateStatus", "edit"] as const;
export const commitmentAbilitiesSchema = abilitiesSchema(commitmentAbilityNames);
export type CommitmentAbilities = z.infer<typeof commitmentAbilitiesSchema>;

export const pledgeAbilityNames = ["updateStatus"] as const;
export const pledgeAbilitiesSchema = abilitiesSchema(pledgeAbilityNames);
export type PledgeAbilities = z.infer<typeof pledgeAbilitiesSchema>;

export const messageAbilityNames = ["edit", "delete"] as const;
export const messageAbilitiesSchema = abilitiesSchema(messageAbilityNames);
export type MessageAbilities = z.infer<typeof messageAbilitiesSchema>;
