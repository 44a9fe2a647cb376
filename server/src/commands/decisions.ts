// Reading and correcting a room's decision log; settings that shape future decisions.
import {
  type RoomDecisionSettings,
  decisionRuleSchema,
  type updateRoomDecisionSettingsInputSchema,
} from "@mufakat/shared";
import type { z } from "zod";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { DecisionRecordDoc } from "../models/decisions.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";
import { type ChainVerification, appendDecisionRecord, verifyDecisionLog } from "./decisionLog.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { roomDecisionRule } from "./motions.ts";
import { recordAudit } from "./recordAudit.ts";

export async function listDecisions(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<DecisionRecordDoc[]> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "decision.viewLog",
  });
  return ctx.models.DecisionRecord.find({ roomId: room._id }).sort({ seq: -1 }).limit(500).lean();
}

export async function verifyRoomDecisions(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<ChainVerification> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "decision.verify",
  });
  return verifyDecisionLog(ctx, { roomId: room._id });
}

/** Records are immutable: a correction is a new record that names the one it corrects. */
export async function correctDecision(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; seq: number; note: string },
): Promise<DecisionRecordDoc> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "decision.correct",
  });
  const target = await ctx.models.DecisionRecord.findOne({ roomId: room._id, seq: props.seq }).lean();
  if (!target) throw appError("DECISION_NOT_FOUND", "no decision record with that number in this room");
  const record = await appendDecisionRecord(ctx, {
    roomId: room._id,
    dedupeKey: `correction:${props.seq}:${ctx.now().getTime()}:${props.user._id.toHexString()}`,
    kind: "correction",
    corrects: props.seq,
    payload: {
      type: "correction" as const,
      note: props.note,
      correctedBy: { id: props.user._id.toHexString(), displayName: props.user.displayName },
    },
  });
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "decision.corrected",
    target: String(props.seq),
    after: { correctionSeq: record.seq },
  });
  return record;
}

export function roomDecisionSettings(room: RoomDoc): RoomDecisionSettings {
  return {
    decisionRule: roomDecisionRule(room),
    secretBallots: room.secretBallots ?? false,
    participantsMayOpenMotions: room.participantsMayOpenMotions ?? false,
    delegationAcrossSectors: room.delegationAcrossSectors ?? false,
  };
}

export async function getRoomDecisionSettings(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string },
): Promise<RoomDecisionSettings> {
  const { room } = await loadRoomAccess(ctx, { roomId: props.roomId, userId: props.user._id, action: "room.view" });
  return roomDecisionSettings(room);
}

export async function updateRoomDecisionSettings(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; changes: z.output<typeof updateRoomDecisionSettingsInputSchema> },
): Promise<RoomDecisionSettings> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "room.editSettings",
  });
  const before = roomDecisionSettings(room);
  const changes = {
    ...(props.changes.decisionRule ? { decisionRule: decisionRuleSchema.parse(props.changes.decisionRule) } : {}),
    ...(props.changes.secretBallots !== undefined ? { secretBallots: props.changes.secretBallots } : {}),
    ...(props.changes.participantsMayOpenMotions !== undefined
      ? { participantsMayOpenMotions: props.changes.participantsMayOpenMotions }
      : {}),
    ...(props.changes.delegationAcrossSectors !== undefined
      ? { delegationAcrossSectors: props.changes.delegationAcrossSectors }
      : {}),
  };
  const updated = await ctx.models.Room.findOneAndUpdate(
    { _id: room._id },
    { $set: changes },
    {
      returnDocument: "after",
    },
  ).lean();
  const after = roomDecisionSettings(updated ?? room);
  await recordAudit(ctx, { roomId: room._id, actorId: props.user._id, action: "settings.changed", before, after });
  return after;
}
