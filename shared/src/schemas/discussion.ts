// Discussion: the room chat and threaded comments on proposals. Everything user-written here is plain
// text, stored as given (trimmed) and rendered by the client as text, never as HTML.
import { z } from "zod";
import { limits } from "../limits.ts";
import { idSchema } from "./room.ts";
import { publicUserSchema } from "./user.ts";

export const discussionKinds = ["chat", "comment"] as const;
export const discussionKindSchema = z.enum(discussionKinds);
export type DiscussionKind = z.infer<typeof discussionKindSchema>;

/** The text of a message or comment: trimmed, never empty, at most limits.messageChars. */
export const messageBodySchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(limits.messageChars, `at most ${limits.messageChars} characters`);

/**
 * The span of the proposal text a comment is about. `quote` is the text as it was when the comment was
 * made, kept verbatim so the comment still reads after the proposal is edited and the offsets drift.
 */
export const commentAnchorSchema = z
  .strictObject({
    from: z.int().min(0),
    to: z.int().min(0),
    quote: z.string().min(1, "required").max(limits.anchorQuoteChars, `at most ${limits.anchorQuoteChars} characters`),
  })
  .refine((anchor) => anchor.to >= anchor.from, {
    message: "must not end before it starts",
    path: ["to"],
    params: { rule: "endsBeforeStart" },
  });
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

const messageBaseSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  author: publicUserSchema,
  /** null once the message is deleted: the text is removed, the message stays in its place. */
  body: z.string().nullable(),
  /** Ids of the room members the text @mentions (empty once deleted). */
  mentions: z.array(z.string()),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  deletedAt: z.string().nullable(),
});

export const chatMessageSchema = messageBaseSchema.extend({ kind: z.literal("chat") });
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const proposalCommentSchema = messageBaseSchema.extend({
  kind: z.literal("comment"),
  proposalId: z.string(),
  /** The comment this one replies to (a comment of the same proposal), or null for a thread's first comment. */
  parentId: z.string().nullable(),
  anchor: commentAnchorSchema.nullable(),
});
export type ProposalComment = z.infer<typeof proposalCommentSchema>;

export const discussionMessageSchema = z.discriminatedUnion("kind", [chatMessageSchema, proposalCommentSchema]);
export type DiscussionMessage = z.infer<typeof discussionMessageSchema>;

/** One page of history, newest first; ask for the next (older) page with `before: nextBefore`. */
export const discussionPageSchema = z.object({
  messages: z.array(discussionMessageSchema),
  /** The cursor for the next older page, or null when this page reaches the beginning. */
  nextBefore: z.string().nullable(),
});
export type DiscussionPage = z.infer<typeof discussionPageSchema>;

/** Query of the history routes: `?before=<message id>` for older pages; the page size is limits.discussionPageSize. */
export const discussionHistoryQuerySchema = z.strictObject({ before: idSchema.optional() });
export type DiscussionHistoryQuery = z.infer<typeof discussionHistoryQuerySchema>;
