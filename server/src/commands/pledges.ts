// Resource pledges ("berbagi sumber daya"): members pledge people/time, funds, facilities, data/knowledge
// or equipment to an adopted decision or to the room, in their organisation's and sector's name, and mark
// them delivered or withdrawn. The ledger totals them per kind and unit, overall and per sector.
import {
  type PledgeStatus,
  type ResourceKind,
  type ResourceTotal,
  type ResourceTotals,
  type Sector,
  accountabilityLimits,
  type createPledgeInputSchema,
  ownsPledge,
  resourceKinds,
  sectors,
} from "@mufakat/shared";
import { Types } from "mongoose";
import type { z } from "zod";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { PledgeDoc } from "../models/accountability.ts";
import type { UserDoc } from "../models/index.ts";
import type { PolicyActor } from "@mufakat/shared";
import { policyPledge } from "../policies/accountabilityPolicy.ts";
import { policyActor } from "../policies/roomPolicy.ts";
import { loadAdoptedDecision } from "./commitments.ts";
import { type UserCard, userCardsById } from "./userCards.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";
import { recordAudit } from "./recordAudit.ts";

export interface PledgesView {
  pledges: PledgeDoc[];
  users: Map<string, UserCard>;
  /** The caller the pledges are presented to, when they are presented with the caller's abilities. */
  viewer?: PolicyActor;
}

async function viewOf(ctx: AppContext, pledges: PledgeDoc[], viewer?: PolicyActor): Promise<PledgesView> {
  return {
    pledges,
    users: await userCardsById(
      ctx,
      pledges.map((p) => p.userId),
    ),
    ...(viewer ? { viewer } : {}),
  };
}

/** Units are compared trimmed, with runs of spaces collapsed and case ignored: "IDR" and "idr" are one unit. */
export function unitKey(unit: string): string {
  return unit.trim().replace(/\s+/g, " ").toLowerCase();
}

export async function createPledge(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; input: z.output<typeof createPledgeInputSchema> },
): Promise<PledgesView> {
  const { room, membership, role } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "pledge.create",
  });
  if (props.input.decisionSeq !== null)
    await loadAdoptedDecision(ctx, { roomId: room._id, seq: props.input.decisionSeq });
  if ((await ctx.models.Pledge.countDocuments({ roomId: room._id })) >= accountabilityLimits.pledgesPerRoom) {
    throw appError("CONFLICT", `a room holds at most ${accountabilityLimits.pledgesPerRoom} pledges`);
  }
  const now = ctx.now();
  const created = await ctx.models.Pledge.create({
    roomId: room._id,
    decisionSeq: props.input.decisionSeq,
    kind: props.input.kind,
    quantityHundredths: Math.round(props.input.quantity * 100),
    unit: props.input.unit.replace(/\s+/g, " "),
    note: props.input.note,
    userId: props.user._id,
    organisation: membership.organisation,
    sector: membership.sector,
    status: "pledged",
    createdAt: now,
    updatedAt: now,
  });
  const pledge = created.toObject() as PledgeDoc;
  await recordAudit(ctx, {
    roomId: room._id,
    actorId: props.user._id,
    action: "pledge.created",
    target: pledge._id.toHexString(),
    after: {
      decisionSeq: pledge.decisionSeq ?? null,
      kind: pledge.kind,
      quantity: pledge.quantityHundredths / 100,
      unit: pledge.unit,
      status: pledge.status,
    },
  });
  ctx.events.publish("pledgeChanged", { roomId: room._id.toHexString(), pledgeId: pledge._id.toHexString() });
  return viewOf(ctx, [pledge], policyActor(props.user._id, role));
}

/** The pledger changes their own pledge; a coordinator of the room may record any delivery or withdrawal. */
export async function updatePledgeStatus(
  ctx: AppContext,
  props: { user: UserDoc; pledgeId: string; status: PledgeStatus },
): Promise<PledgesView> {
  const pledge = Types.ObjectId.isValid(props.pledgeId)
    ? await ctx.models.Pledge.findById(props.pledgeId).lean()
    : null;
  if (!pledge) throw appError("PLEDGE_NOT_FOUND", "no such pledge");
  const { role } = await loadRoomAccess(ctx, {
    roomId: pledge.roomId.toHexString(),
    userId: props.user._id,
    action: "pledge.change",
  });
  if (!ownsPledge(policyActor(props.user._id, role), policyPledge(pledge))) {
    throw appError("NOT_YOUR_PLEDGE", "only the member who pledged or a coordinator can change a pledge");
  }
  if (pledge.status === props.status) return viewOf(ctx, [pledge], policyActor(props.user._id, role));
  const updated = await ctx.models.Pledge.findOneAndUpdate(
    { _id: pledge._id, status: pledge.status },
    { $set: { status: props.status, updatedAt: ctx.now() } },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw appError("CONFLICT", "the pledge changed meanwhile; reload and try again");
  await recordAudit(ctx, {
    roomId: pledge.roomId,
    actorId: props.user._id,
    action: "pledge.statusChanged",
    target: pledge._id.toHexString(),
    before: { status: pledge.status },
    after: { status: updated.status },
  });
  ctx.events.publish("pledgeChanged", { roomId: pledge.roomId.toHexString(), pledgeId: pledge._id.toHexString() });
  return viewOf(ctx, [updated], policyActor(props.user._id, role));
}

/** A room's pledges (of one decision, when given), newest first, bounded. */
export async function roomPledges(ctx: AppContext, roomId: Types.ObjectId, decisionSeq?: number): Promise<PledgeDoc[]> {
  return ctx.models.Pledge.find({ roomId, ...(decisionSeq !== undefined ? { decisionSeq } : {}) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(accountabilityLimits.accountabilityRowsMax)
    .lean();
}

export async function listResourceLedger(
  ctx: AppContext,
  props: { user: UserDoc; roomId: string; decisionSeq?: number | undefined },
): Promise<PledgesView & { totals: ResourceTotals }> {
  const { room, role } = await loadRoomAccess(ctx, {
    roomId: props.roomId,
    userId: props.user._id,
    action: "pledge.view",
  });
  const pledges = await roomPledges(ctx, room._id, props.decisionSeq);
  return { ...(await viewOf(ctx, pledges, policyActor(props.user._id, role))), totals: resourceTotals(pledges) };
}

interface TotalLine {
  kind: ResourceKind;
  unit: string;
  pledged: number;
  delivered: number;
  pledges: number;
}

/**
 * Totals per kind and unit, overall and per sector, summed in hundredths (exact), withdrawn pledges left
 * out. A line's unit is spelled as in its oldest pledge.
 */
export function resourceTotals(pledges: PledgeDoc[]): ResourceTotals {
  const oldestFirst = [...pledges].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const overall = new Map<string, TotalLine>();
  const perSector = new Map<Sector, Map<string, TotalLine>>(sectors.map((s) => [s, new Map()]));
  for (const pledge of oldestFirst) {
    if (pledge.status === "withdrawn") continue;
    const key = `${pledge.kind}\u0000${unitKey(pledge.unit)}`;
    for (const lines of [overall, perSector.get(pledge.sector as Sector)]) {
      if (!lines) continue;
      const line = lines.get(key) ?? {
        kind: pledge.kind as ResourceKind,
        unit: pledge.unit,
        pledged: 0,
        delivered: 0,
        pledges: 0,
      };
      if (pledge.status === "delivered") line.delivered += pledge.quantityHundredths;
      else line.pledged += pledge.quantityHundredths;
      line.pledges += 1;
      lines.set(key, line);
    }
  }
  const present = (lines: Map<string, TotalLine>): ResourceTotal[] =>
    [...lines.values()]
      .sort(
        (a, b) =>
          resourceKinds.indexOf(a.kind) - resourceKinds.indexOf(b.kind) ||
          unitKey(a.unit).localeCompare(unitKey(b.unit)),
      )
      .map((line) => ({
        kind: line.kind,
        unit: line.unit,
        pledged: line.pledged / 100,
        delivered: line.delivered / 100,
        total: (line.pledged + line.delivered) / 100,
        pledges: line.pledges,
      }));
  return {
    byKind: present(overall),
    bySector: Object.fromEntries(sectors.map((s) => [s, present(perSector.get(s) ?? new Map())])) as Record<
      Sector,
      ResourceTotal[]
    >,
  };
}
