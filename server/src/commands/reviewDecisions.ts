// The coordinators' review of decision logs: the decisions of every room the caller coordinates, filtered
// by room, date, outcome, sector (records where that sector voted) and text in the proposal title; and one
// record opened with its tallies, reasons, frozen text, corrections, commitments, pledges and the room's
// verified chain. The filters run in TypeScript over a bounded set (no $regex built from user text).
import { type Sector, type TallyOutcome, accountabilityLimits, levelFor, rolesWith } from "@mufakat/shared";
import { type Types, trusted } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { DecisionRecordDoc } from "../models/decisions.ts";
import type { RoomDoc, UserDoc } from "../models/index.ts";
import { type CommitmentsView, commitmentsView, roomCommitments } from "./commitments.ts";
import { type ChainVerification, type ReadDecision, readDecision, verifyDecisionLog } from "./decisionLog.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { sha256Hex } from "./motions.ts";
import { type PledgesView, roomPledges } from "./pledges.ts";
import { userCardsById } from "./userCards.ts";

export interface ReviewFilter {
  roomId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  outcome?: TallyOutcome | undefined;
  sector?: Sector | undefined;
  q?: string | undefined;
}

export interface ReviewListItem {
  decision: ReadDecision;
  room: RoomDoc;
  commitments: number;
  pledges: number;
  correctedBy: number[];
}

/** Case-insensitive, accent-sensitive comparison of a title with the searched text. */
function titleMatches(title: string, text: string): boolean {
  return title.normalize("NFC").toLocaleLowerCase("id").includes(text.normalize("NFC").toLocaleLowerCase("id"));
}

export async function listReviewDecisions(
  ctx: AppContext,
  props: { user: UserDoc; filter: ReviewFilter },
): Promise<ReviewListItem[]> {
  const filter = props.filter;
  let rooms: RoomDoc[];
  if (filter.roomId) {
    const { room } = await loadRoomAccess(ctx, {
      roomId: filter.roomId,
      userId: props.user._id,
      action: "decision.review",
    });
    rooms = [room];
  } else {
    const coordinated = await ctx.models.Membership.find(
      { userId: props.user._id, role: trusted({ $in: rolesWith(levelFor("decision.review")) }) },
      { roomId: 1 },
    )
      .limit(accountabilityLimits.accountabilityRowsMax)
      .lean();
    if (coordinated.length === 0) {
      throw appError(
        "NOT_A_COORDINATOR",
        "the review lists the decisions of rooms you coordinate; you coordinate none",
      );
    }
    rooms = await ctx.models.Room.find({ _id: trusted({ $in: coordinated.map((m) => m.roomId) }) }).lean();
  }
  const roomIds = rooms.map((room) => room._id);
  const at = {
    ...(filter.from ? { $gte: new Date(filter.from) } : {}),
    ...(filter.to ? { $lte: new Date(filter.to) } : {}),
  };
  const records = await ctx.models.DecisionRecord.find({
    roomId: trusted({ $in: roomIds }),
    ...(Object.keys(at).length > 0 ? { at: trusted(at) } : {}),
  })
    .sort({ at: -1, seq: -1 })
    .limit(accountabilityLimits.accountabilityRowsMax)
    .lean();
  const correctedBy = new Map<string, number[]>();
  for (const record of records) {
    if (record.kind !== "correction" || record.corrects === null || record.corrects === undefined) continue;
    const key = `${record.roomId.toHexString()}:${record.corrects}`;
    correctedBy.set(
      key,
      [...(correctedBy.get(key) ?? []), record.seq].sort((a, b) => a - b),
    );
  }
  const decisions = records.flatMap((record) => {
    const decision = readDecision(record);
    if (!decision) return [];
    const { payload, tally } = decision;
    if (filter.outcome && payload.outcome !== filter.outcome) return [];
    if (filter.sector && !(tally.perSector[filter.sector].voters > 0)) return [];
    if (filter.q && !titleMatches(payload.proposalTitle, filter.q)) return [];
    return [decision];
  });
  const counts = await followUpCounts(ctx, roomIds);
  const roomById = new Map(rooms.map((room) => [room._id.toHexString(), room]));
  return decisions.flatMap((decision) => {
    const { record } = decision;
    const room = roomById.get(record.roomId.toHexString());
    if (!room) return [];
    const key = `${record.roomId.toHexString()}:${record.seq}`;
    return [
      {
        decision,
        room,
        commitments: counts.commitments.get(key) ?? 0,
        pledges: counts.pledges.get(key) ?? 0,
        correctedBy: correctedBy.get(key) ?? [],
      },
    ];
  });
}

/** Commitments and (not withdrawn) pledges per "roomId:seq", counted in TypeScript. */
async function followUpCounts(
  ctx: AppContext,
  roomIds: Types.ObjectId[],
): Promise<{ commitments: Map<string, number>; pledges: Map<string, number> }> {
  const commitments = await ctx.models.Commitment.find(
    { roomId: trusted({ $in: roomIds }) },
    { roomId: 1, decisionSeq: 1 },
  )
    .limit(accountabilityLimits.participationScanMax)
    .lean();
  const pledges = await ctx.models.Pledge.find(
    { roomId: trusted({ $in: roomIds }), decisionSeq: trusted({ $ne: null }) },
    { roomId: 1, decisionSeq: 1, status: 1 },
  )
    .limit(accountabilityLimits.participationScanMax)
    .lean();
  const count = (map: Map<string, number>, roomId: Types.ObjectId, seq: number | null | undefined) => {
    if (seq === null || seq === undefined) return;
    const key = `${roomId.toHexString()}:${seq}`;
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  const result = { commitments: new Map<string, number>(), pledges: new Map<string, number>() };
  for (const c of commitments) count(result.commitments, c.roomId, c.decisionSeq);
  for (const p of pledges) if (p.status !== "withdrawn") count(result.pledges, p.roomId, p.decisionSeq);
  return result;
}

export interface ReviewDetail {
  room: RoomDoc;
  decision: ReadDecision;
  frozenTextIntact: boolean;
  corrections: DecisionRecordDoc[];
  commitments: CommitmentsView;
  pledges: PledgesView;
  chain: ChainVerification;
}

export async function getReviewDecision(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; seq: number },
): Promise<ReviewDetail> {
  const { room } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "decision.review",
  });
  const record = await ctx.models.DecisionRecord.findOne({ roomId: room._id, seq: props.seq }).lean();
  if (record?.kind !== "decision") {
    throw appError("DECISION_NOT_FOUND", "no decision record with that number in this room");
  }
  const decision = readDecision(record);
  if (!decision) throw appError("DECISION_NOT_FOUND", `decision record ${props.seq} cannot be read as a decision`);
  const { payload } = decision;
  const corrections = await ctx.models.DecisionRecord.find({ roomId: room._id, corrects: props.seq })
    .sort({ seq: 1 })
    .limit(accountabilityLimits.accountabilityRowsMax)
    .lean();
  const pledges = await roomPledges(ctx, room._id, props.seq);
  return {
    room,
    decision,
    frozenTextIntact: sha256Hex(payload.frozenText) === payload.frozenTextHash,
    corrections,
    commitments: await commitmentsView(ctx, await roomCommitments(ctx, room._id, props.seq)),
    pledges: {
      pledges,
      users: await userCardsById(
        ctx,
        pledges.map((p) => p.userId),
      ),
    },
    chain: await verifyDecisionLog(ctx, { roomId: room._id }),
  };
}
