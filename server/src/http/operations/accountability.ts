// Accountability over HTTP: commitments and their progress, resource pledges and the ledger, the
// participation insight, the coordinators' review of decision logs, exports (CSV, JSON) and the printable
// report. Downloads set Content-Type and Content-Disposition; a refused download still answers with the
// one JSON error shape, because every check runs before anything is written.
import { contract } from "@mufakat/shared";
import type { Response } from "express";
import {
  addCommitmentProgress,
  createCommitment,
  listCommitments,
  updateCommitment,
} from "../../commands/commitments.ts";
import {
  getAccountabilitySettings,
  getParticipation,
  updateAccountabilitySettings,
} from "../../commands/participation.ts";
import { createPledge, listResourceLedger, updatePledgeStatus } from "../../commands/pledges.ts";
import { getReviewDecision, listReviewDecisions } from "../../commands/reviewDecisions.ts";
import {
  getRoomReport,
  loadCommitmentsExport,
  loadDecisionsExport,
  loadPledgesExport,
  loadRoomExport,
} from "../../commands/roomAccountabilityExports.ts";
import type { AppContext } from "../../context.ts";
import {
  commitmentsCsv,
  decisionsCsv,
  exportFileName,
  pledgesCsv,
  presentCommitments,
  presentLedger,
  presentParticipation,
  presentPledges,
  presentReviewDetail,
  presentReviewSummary,
  presentRoomExport,
  presentRoomReport,
} from "../../presenters/accountability.ts";
import { type Operation, defineOperation } from "../operation.ts";

/** The one item of a view, which commands that write one document always return. */
function only<T>(items: T[]): T {
  const [item] = items;
  if (item === undefined || items.length !== 1) throw new Error(`expected one item, got ${items.length}`);
  return item;
}

/** A positive decision seq from the path, or -1 (which matches no record) for anything else. */
function seqParam(value: string | undefined): number {
  const seq = Number(value);
  return Number.isInteger(seq) && seq > 0 ? seq : -1;
}

function attachment(res: Response, fileName: string): void {
  res.setHeader("Content-Disposition", `attachment; filename="${fileName}"`);
  res.setHeader("Cache-Control", "no-store");
}

/**
 * Sends a CSV download. The router then ends the response, which for one already sent is a no-op: the
 * contract's other responses are JSON, and this is its one text response.
 */
function sendCsv(res: Response, fileName: string, csv: string): { status: 200 } {
  attachment(res, fileName);
  res.status(200).type("text/csv; charset=utf-8").send(csv);
  return { status: 200 };
}

export function accountabilityOperations(ctx: AppContext): Operation[] {
  return [
    // --- Commitments ---
    defineOperation(contract.listCommitments)({
      async handle({ user, params, query }) {
        const view = await listCommitments(ctx, { user, roomId: params.roomId ?? "", filter: query });
        return { status: 200, body: presentCommitments(view) };
      },
    }),
    defineOperation(contract.createCommitment)({
      async handle({ user, params, body }) {
        const view = await createCommitment(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: only(presentCommitments(view)) };
      },
    }),
    defineOperation(contract.updateCommitment)({
      async handle({ user, params, body }) {
        const view = await updateCommitment(ctx, { user, commitmentId: params.commitmentId ?? "", changes: body });
        return { status: 200, body: only(presentCommitments(view)) };
      },
    }),
    defineOperation(contract.addCommitmentProgress)({
      async handle({ user, params, body }) {
        const view = await addCommitmentProgress(ctx, { user, commitmentId: params.commitmentId ?? "", input: body });
        return { status: 201, body: only(presentCommitments(view)) };
      },
    }),
    // --- Pledges and the ledger ---
    defineOperation(contract.createPledge)({
      async handle({ user, params, body }) {
        const view = await createPledge(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: only(presentPledges(view)) };
      },
    }),
    defineOperation(contract.updatePledgeStatus)({
      async handle({ user, params, body }) {
        const view = await updatePledgeStatus(ctx, { user, pledgeId: params.pledgeId ?? "", status: body.status });
        return { status: 200, body: only(presentPledges(view)) };
      },
    }),
    defineOperation(contract.listResourceLedger)({
      async handle({ user, params, query }) {
        const roomId = params.roomId ?? "";
        const view = await listResourceLedger(ctx, { user, roomId, decisionSeq: query.decisionSeq });
        return { status: 200, body: presentLedger(roomId, view) };
      },
    }),
    // --- Participation ---
    defineOperation(contract.getParticipation)({
      async handle({ user, params, query }) {
        const view = await getParticipation(ctx, { user, roomId: params.roomId ?? "", query });
        return { status: 200, body: presentParticipation(view) };
      },
    }),
    defineOperation(contract.getAccountabilitySettings)({
      async handle({ user, params }) {
        return { status: 200, body: await getAccountabilitySettings(ctx, { user, roomId: params.roomId ?? "" }) };
      },
    }),
    defineOperation(contract.updateAccountabilitySettings)({
      async handle({ user, params, body }) {
        const settings = await updateAccountabilitySettings(ctx, {
          user,
          roomId: params.roomId ?? "",
          quietPercent: body.quietPercent,
        });
        return { status: 200, body: settings };
      },
    }),
    // --- Coordinator review ---
    defineOperation(contract.listReviewDecisions)({
      async handle({ user, query }) {
        const items = await listReviewDecisions(ctx, { user, filter: query });
        return { status: 200, body: items.map(presentReviewSummary) };
      },
    }),
    defineOperation(contract.getReviewDecision)({
      async handle({ user, params }) {
        const detail = await getReviewDecision(ctx, { user, roomId: params.roomId ?? "", seq: seqParam(params.seq) });
        return { status: 200, body: presentReviewDetail(detail) };
      },
    }),
    // --- Exports and the report ---
    defineOperation(contract.exportDecisionsCsv)({
      async handle({ user, params, res }) {
        const data = await loadDecisionsExport(ctx, { user, roomId: params.roomId ?? "" });
        return sendCsv(res, exportFileName("decisions", data.room, data.at, "csv"), decisionsCsv(data.decisions));
      },
    }),
    defineOperation(contract.exportCommitmentsCsv)({
      async handle({ user, params, res }) {
        const data = await loadCommitmentsExport(ctx, { user, roomId: params.roomId ?? "" });
        const csv = commitmentsCsv(presentCommitments(data.commitments));
        return sendCsv(res, exportFileName("commitments", data.room, data.at, "csv"), csv);
      },
    }),
    defineOperation(contract.exportPledgesCsv)({
      async handle({ user, params, res }) {
        const data = await loadPledgesExport(ctx, { user, roomId: params.roomId ?? "" });
        const csv = pledgesCsv(presentPledges(data.pledges));
        return sendCsv(res, exportFileName("pledges", data.room, data.at, "csv"), csv);
      },
    }),
    defineOperation(contract.exportRoomJson)({
      async handle({ user, params, res }) {
        const data = await loadRoomExport(ctx, { user, roomId: params.roomId ?? "" });
        attachment(res, exportFileName("room", data.room, data.exportedAt, "json"));
        return { status: 200, body: presentRoomExport(data) };
      },
    }),
    defineOperation(contract.getRoomReport)({
      async handle({ user, params, query }) {
        const data = await getRoomReport(ctx, { user, roomId: params.roomId ?? "", query });
        return { status: 200, body: presentRoomReport(data) };
      },
    }),
  ];
}
