// One zod schema per inbound (client -> server) event payload. The server parses every payload with
// these before anything else; a failure is answered with VALIDATION_FAILED and field details.
// In the tables the server parses with (inboundPayloadSchemas, discussionPayloadSchemas), a field whose
// value is nil (null) counts as absent, as MessagePack and JSON clients write an unset optional field
// (python-socketio sends Python's None as nil): `reason: null` is a vote without a reason.
import { z } from "zod";
import { motionVotePayloadSchema } from "./motions.ts";
import { pollBallotPayloadSchema } from "./polls.ts";
import { idSchema } from "../schemas/room.ts";
import { proposalTitleSchema, versionNameSchema, versionRefSchema } from "../schemas/proposal.ts";

/**
 * Binary as socket.io carries it: a Uint8Array (a Buffer on Node). Sizes are checked by the server
 * after parsing, so an oversized update gets its own code (UPDATE_TOO_LARGE), not VALIDATION_FAILED.
 */
export const binarySchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  message: "must be binary",
  params: { rule: "binary" },
});

/** How deep into nested objects nil fields are left out; the payloads are far shallower. */
const nilFieldDepth = 8;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The value with every nil-valued field of a plain object left out, in nested plain objects too (array
 * items stay: a nil item is a value, not a missing field). A new object; the input is not changed.
 */
export function withoutNilFields(value: unknown, depth = 0): unknown {
  if (!isPlainRecord(value) || depth >= nilFieldDepth) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (entry === null || entry === undefined) continue;
    // defineProperty keeps an own "__proto__" key a key, so a strict schema still refuses it.
    Object.defineProperty(out, key, {
      value: withoutNilFields(entry, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The schema, reading a nil field as an absent one (withoutNilFields) before it parses. */
export function nilMeansAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => withoutNilFields(value), schema);
}

export const handshakeAuthSchema = z.object({
  token: z.string().min(1, "required").max(4096),
  protocolVersion: z.number().int(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

export const roomRefPayloadSchema = z.strictObject({ roomId: idSchema });
export type RoomRefPayload = z.infer<typeof roomRefPayloadSchema>;

export const proposalRefPayloadSchema = z.strictObject({ proposalId: idSchema });
export type ProposalRefPayload = z.infer<typeof proposalRefPayloadSchema>;

export const createProposalPayloadSchema = z.strictObject({ roomId: idSchema, title: proposalTitleSchema });
export type CreateProposalPayload = z.infer<typeof createProposalPayloadSchema>;

export const renameProposalPayloadSchema = z.strictObject({ proposalId: idSchema, title: proposalTitleSchema });
export type RenameProposalPayload = z.infer<typeof renameProposalPayloadSchema>;

/** Sync step 1: the client's state vector; the ack is step 2 plus the server's state vector. */
export const openProposalPayloadSchema = z.strictObject({ proposalId: idSchema, stateVector: binarySchema });
export type OpenProposalPayload = z.infer<typeof openProposalPayloadSchema>;

export const proposalUpdatePayloadSchema = z.strictObject({
  proposalId: idSchema,
  /** A Yjs update (v1 encoding), e.g. from `doc.on("update")` or `Y.encodeStateAsUpdate(doc, serverVector)`. */
  update: binarySchema,
  /** Echoed in the ack, so a client can drop exactly this update from its unacked queue. */
  clientUpdateId: z.string().min(1).max(64).optional(),
});
export type ProposalUpdatePayload = z.infer<typeof proposalUpdatePayloadSchema>;

export const awarenessPayloadSchema = z.strictObject({
  proposalId: idSchema,
  /** A y-protocols/awareness update (`encodeAwarenessUpdate`). */
  update: binarySchema,
});
export type AwarenessPayload = z.infer<typeof awarenessPayloadSchema>;

export const saveVersionPayloadSchema = z.strictObject({ proposalId: idSchema, name: versionNameSchema });
export type SaveVersionPayload = z.infer<typeof saveVersionPayloadSchema>;

export const diffVersionsPayloadSchema = z.strictObject({
  proposalId: idSchema,
  from: versionRefSchema,
  to: versionRefSchema,
});
export type DiffVersionsPayload = z.infer<typeof diffVersionsPayloadSchema>;

export const reauthenticatePayloadSchema = z.strictObject({ token: z.string().min(1, "required").max(4096) });
export type ReauthenticatePayload = z.infer<typeof reauthenticatePayloadSchema>;

/** Every inbound event and the schema of its payload: the server's dispatcher is driven by this table. */
export const inboundPayloadSchemas = {
  "session:reauthenticate": nilMeansAbsent(reauthenticatePayloadSchema),
  "room:join": nilMeansAbsent(roomRefPayloadSchema),
  "room:leave": nilMeansAbsent(roomRefPayloadSchema),
  "proposal:create": nilMeansAbsent(createProposalPayloadSchema),
  "proposal:list": nilMeansAbsent(roomRefPayloadSchema),
  "proposal:rename": nilMeansAbsent(renameProposalPayloadSchema),
  "proposal:open": nilMeansAbsent(openProposalPayloadSchema),
  "proposal:close": nilMeansAbsent(proposalRefPayloadSchema),
  "proposal:update": nilMeansAbsent(proposalUpdatePayloadSchema),
  "proposal:awareness": nilMeansAbsent(awarenessPayloadSchema),
  "version:save": nilMeansAbsent(saveVersionPayloadSchema),
  "version:list": nilMeansAbsent(proposalRefPayloadSchema),
  "version:diff": nilMeansAbsent(diffVersionsPayloadSchema),
  "motion:vote": nilMeansAbsent(motionVotePayloadSchema),
  "poll:ballot": nilMeansAbsent(pollBallotPayloadSchema),
} as const;
export type InboundEvent = keyof typeof inboundPayloadSchemas;
