// Proposals: texts a room co-edits live (a Yjs document each), and the named versions saved of them.
import { z } from "zod";
import { limits } from "../limits.ts";
import { idSchema } from "./room.ts";
import { publicUserSchema } from "./user.ts";

export const proposalStatuses = ["draft", "underVote", "adopted", "notAdopted", "withdrawn"] as const;
export const proposalStatusSchema = z.enum(proposalStatuses);
export type ProposalStatus = z.infer<typeof proposalStatusSchema>;

/**
 * The shared type that holds a proposal's body in its Yjs document: the XmlFragment named "default",
 * which is what TipTap's Collaboration extension edits. Plain text (versions, diffs) is read from it:
 * one line per top-level block, the text of its XmlText children joined.
 */
export const proposalBodyFragment = "default";

export const proposalTitleSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(limits.proposalTitleChars, `at most ${limits.proposalTitleChars} characters`);

export const proposalSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  title: z.string(),
  status: proposalStatusSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalVersionSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  name: z.string(),
  createdBy: publicUserSchema,
  createdAt: z.string(),
  /** Size of the saved Yjs state, in bytes. */
  bytes: z.number().int(),
});
export type ProposalVersion = z.infer<typeof proposalVersionSchema>;

export const versionNameSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(limits.versionNameChars, `at most ${limits.versionNameChars} characters`);

/** One side of a diff: a saved version's id, or "current" for the live text. */
export const versionRefSchema = z.union([idSchema, z.literal("current")]);
export type VersionRef = z.infer<typeof versionRefSchema>;

export const textChangeSchema = z.object({
  type: z.enum(["equal", "insert", "delete"]),
  text: z.string(),
});
export type TextChange = z.infer<typeof textChangeSchema>;

export const textDiffSchema = z.object({
  from: versionRefSchema,
  to: versionRefSchema,
  fromText: z.string(),
  toText: z.string(),
  /** Word-level changes that turn fromText into toText; equal runs included so the client can render inline. */
  changes: z.array(textChangeSchema),
});
export type TextDiff = z.infer<typeof textDiffSchema>;
