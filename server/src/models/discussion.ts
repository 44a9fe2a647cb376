// Discussion messages: the room chat and the threaded comments on proposals, one collection with a
// `kind` tag. Every write is one single-document insert or conditional update (FerretDB v1.24 has no
// transactions); history pages walk the _id index newest first.
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from "mongoose";
import { type CommentAnchor, discussionKinds } from "@mufakat/shared";

const anchorSchema = new Schema(
  {
    from: { type: Number, required: true },
    to: { type: Number, required: true },
    /** The proposal text the comment was about, verbatim at the time, so it reads after later edits. */
    quote: { type: String, required: true },
  },
  { _id: false },
);

const discussionMessageSchema = new Schema({
  roomId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: discussionKinds, required: true },
  /** Comments only: the proposal commented on, and the comment replied to (same proposal). */
  proposalId: { type: Schema.Types.ObjectId, default: null },
  parentId: { type: Schema.Types.ObjectId, default: null },
  anchor: { type: anchorSchema, default: null },
  authorId: { type: Schema.Types.ObjectId, required: true },
  /** The text as written (trimmed); null once deleted. */
  body: { type: String, default: null },
  /** Members the text @mentions; emptied with the body on delete. */
  mentions: { type: [Schema.Types.ObjectId], default: [] },
  createdAt: { type: Date, required: true },
  editedAt: { type: Date, default: null },
  deletedAt: { type: Date, default: null },
});
// ObjectIds made by one server process increase, so _id order is creation order for the pages.
discussionMessageSchema.index({ roomId: 1, kind: 1, _id: -1 });
discussionMessageSchema.index({ proposalId: 1, _id: -1 });

type StoredMessage = InferSchemaType<typeof discussionMessageSchema>;

export type DiscussionMessageDoc = Omit<StoredMessage, "anchor" | "mentions" | "kind"> & {
  _id: Types.ObjectId;
  kind: (typeof discussionKinds)[number];
  anchor: CommentAnchor | null;
  mentions: Types.ObjectId[];
};

export function createDiscussionModels(connection: Connection) {
  return {
    DiscussionMessage: connection.model(
      "DiscussionMessage",
      discussionMessageSchema,
    ) as unknown as Model<DiscussionMessageDoc>,
  };
}
