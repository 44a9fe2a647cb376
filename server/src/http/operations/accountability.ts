// Accountability over HTTP: commitments and their progress, resource pledges and the ledger, the
// participation insight, the coordinators' review of decision logs, exports (CSV, JSON) and the printable
// report. Downloads set Content-Type and Content-Disposition; a refused download still answers with the
// one JSON error shape, because every check runs before anything is written.
import {
  accountabilitySettingsSchema,
  addCommitmentProgressInputSchema,
  commitmentListQuerySchema,
  commitmentSchema,
  createCommitmentInputSchema,
  createPledgeInputSchema,
  ledgerQuerySchema,
  participationSchema,
  periodQuerySchema,
  pledgeSchema,
  resourceLedgerSchema,
  reviewDecisionDetailSchema,
  reviewDecisionSummarySchema,
  reviewQuerySchema,
  roomExportSchema,
  roomReportSchema,
  updateAccountabilitySettingsInputSchema,
  updateCommitmentInputSchema,
  updatePledgeStatusInputSchema,
} from "@mufakat/shared";
import type { Response } from "express";
import { z } from "zod";
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
import { type Operation, type OperationResult, defineOperation } from "../operation.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"];
const writeErrors = [...roomErrors, "READ_ONLY_ROLE", "VALIDATION_FAILED"];
const coordinatorErrors = [...roomErrors, "NOT_A_COORDINATOR"];

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
 * operation table speaks JSON, and this is its one text response.
 */
function sendCsv(res: Response, fileName: string, csv: string): OperationResult {
  attachment(res, fileName);
  res.status(200).type("text/csv; charset=utf-8").send(csv);
  return { status: 200 };
}

const csvResponse = { 200: { description: "text/csv (RFC 4180, CRLF, formula-safe cells), as an attachment" } };

export function accountabilityOperations(ctx: AppContext): Operation[] {
  return [
    // --- Commitments ---
    defineOperation({
      operationId: "listCommitments",
      method: "get",
      path: "/rooms/:roomId/commitments",
      summary: "The room's commitments, due first; overdue computed now",
      tag: "accountability",
      auth: true,
      query: commitmentListQuerySchema,
      responses: { 200: { description: "Commitments", schema: z.array(commitmentSchema) } },
      errors: roomErrors,
      async handle({ user, params, query }) {
        const view = await listCommitments(ctx, { user, roomId: params.roomId ?? "", filter: query });
        return { status: 200, body: presentCommitments(view) };
      },
    }),
    defineOperation({
      operationId: "createCommitment",
      method: "post",
      path: "/rooms/:roomId/commitments",
      summary: "Commit to carrying out an adopted decision (audited)",
      tag: "accountability",
      auth: true,
      body: createCommitmentInputSchema,
      responses: { 201: { description: "The commitment", schema: commitmentSchema } },
      errors: [...writeErrors, "NOT_A_COORDINATOR", "DECISION_NOT_FOUND", "DECISION_NOT_ADOPTED", "MEMBER_NOT_FOUND"],
      async handle({ user, params, body }) {
        const view = await createCommitment(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: only(presentCommitments(view)) };
      },
    }),
    defineOperation({
      operationId: "updateCommitment",
      method: "patch",
      path: "/commitments/:commitmentId",
      summary: "Change a commitment: its owner or author, or any coordinator of the room (status changes audited)",
      tag: "accountability",
      auth: true,
      body: updateCommitmentInputSchema,
      responses: { 200: { description: "The commitment", schema: commitmentSchema } },
      errors: [...writeErrors, "COMMITMENT_NOT_FOUND", "NOT_YOUR_COMMITMENT"],
      async handle({ user, params, body }) {
        const view = await updateCommitment(ctx, { user, commitmentId: params.commitmentId ?? "", changes: body });
        return { status: 200, body: only(presentCommitments(view)) };
      },
    }),
    defineOperation({
      operationId: "addCommitmentProgress",
      method: "post",
      path: "/commitments/:commitmentId/progress",
      summary: "Add a dated progress note, optionally with the percent complete",
      tag: "accountability",
      auth: true,
      body: addCommitmentProgressInputSchema,
      responses: { 201: { description: "The commitment", schema: commitmentSchema } },
      errors: [...writeErrors, "COMMITMENT_NOT_FOUND", "NOT_YOUR_COMMITMENT", "CONFLICT"],
      async handle({ user, params, body }) {
        const view = await addCommitmentProgress(ctx, { user, commitmentId: params.commitmentId ?? "", input: body });
        return { status: 201, body: only(presentCommitments(view)) };
      },
    }),
    // --- Pledges and the ledger ---
    defineOperation({
      operationId: "createPledge",
      method: "post",
      path: "/rooms/:roomId/pledges",
      summary: "Pledge resources to an adopted decision or to the room, in your organisation's name (audited)",
      tag: "accountability",
      auth: true,
      body: createPledgeInputSchema,
      responses: { 201: { description: "The pledge", schema: pledgeSchema } },
      errors: [...writeErrors, "DECISION_NOT_FOUND", "DECISION_NOT_ADOPTED", "CONFLICT"],
      async handle({ user, params, body }) {
        const view = await createPledge(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: only(presentPledges(view)) };
      },
    }),
    defineOperation({
      operationId: "updatePledgeStatus",
      method: "patch",
      path: "/pledges/:pledgeId",
      summary: "Mark a pledge delivered or withdrawn: the member who pledged, or a coordinator (audited)",
      tag: "accountability",
      auth: true,
      body: updatePledgeStatusInputSchema,
      responses: { 200: { description: "The pledge", schema: pledgeSchema } },
      errors: [...writeErrors, "PLEDGE_NOT_FOUND", "NOT_YOUR_PLEDGE", "CONFLICT"],
      async handle({ user, params, body }) {
        const view = await updatePledgeStatus(ctx, { user, pledgeId: params.pledgeId ?? "", status: body.status });
        return { status: 200, body: only(presentPledges(view)) };
      },
    }),
    defineOperation({
      operationId: "listResourceLedger",
      method: "get",
      path: "/rooms/:roomId/resources",
      summary: "The room's pledges with totals per kind and unit, overall and per sector",
      tag: "accountability",
      auth: true,
      query: ledgerQuerySchema,
      responses: { 200: { description: "The ledger", schema: resourceLedgerSchema } },
      errors: roomErrors,
      async handle({ user, params, query }) {
        const roomId = params.roomId ?? "";
        const view = await listResourceLedger(ctx, { user, roomId, decisionSeq: query.decisionSeq });
        return { status: 200, body: presentLedger(roomId, view) };
      },
    }),
    // --- Participation ---
    defineOperation({
      operationId: "getParticipation",
      method: "get",
      path: "/rooms/:roomId/participation",
      summary: "Contributions and attendance per sector over a period (default: the last 30 days), the stage history",
      tag: "accountability",
      auth: true,
      query: periodQuerySchema,
      responses: { 200: { description: "Participation", schema: participationSchema } },
      errors: [...roomErrors, "VALIDATION_FAILED"],
      async handle({ user, params, query }) {
        const view = await getParticipation(ctx, { user, roomId: params.roomId ?? "", query });
        return { status: 200, body: presentParticipation(view) };
      },
    }),
    defineOperation({
      operationId: "getAccountabilitySettings",
      method: "get",
      path: "/rooms/:roomId/accountability-settings",
      summary: "The room's symbolic-participation floor",
      tag: "accountability",
      auth: true,
      responses: { 200: { description: "Settings", schema: accountabilitySettingsSchema } },
      errors: roomErrors,
      async handle({ user, params }) {
        return { status: 200, body: await getAccountabilitySettings(ctx, { user, roomId: params.roomId ?? "" }) };
      },
    }),
    defineOperation({
      operationId: "updateAccountabilitySettings",
      method: "patch",
      path: "/rooms/:roomId/accountability-settings",
      summary: "Set the room's symbolic-participation floor (coordinators; audited)",
      tag: "accountability",
      auth: true,
      body: updateAccountabilitySettingsInputSchema,
      responses: { 200: { description: "Settings", schema: accountabilitySettingsSchema } },
      errors: [...coordinatorErrors, "VALIDATION_FAILED"],
      async handle({ user, params, body }) {
        const settings = await updateAccountabilitySettings(ctx, {
          user,
          roomId: params.roomId ?? "",
          symbolicFloorPercent: body.symbolicFloorPercent,
        });
        return { status: 200, body: settings };
      },
    }),
    // --- Coordinator review ---
    defineOperation({
      operationId: "listReviewDecisions",
      method: "get",
      path: "/review/decisions",
      summary: "Decisions of the rooms you coordinate, filtered by room, date, outcome, voting sector and title",
      tag: "accountability",
      auth: true,
      query: reviewQuerySchema,
      responses: { 200: { description: "Decisions, newest first", schema: z.array(reviewDecisionSummarySchema) } },
      errors: [...coordinatorErrors, "VALIDATION_FAILED"],
      async handle({ user, query }) {
        const items = await listReviewDecisions(ctx, { user, filter: query });
        return { status: 200, body: items.map(presentReviewSummary) };
      },
    }),
    defineOperation({
      operationId: "getReviewDecision",
      method: "get",
      path: "/review/rooms/:roomId/decisions/:seq",
      summary: "One decision with tallies, reasons, frozen text, corrections, commitments, pledges and chain integrity",
      tag: "accountability",
      auth: true,
      responses: { 200: { description: "The decision", schema: reviewDecisionDetailSchema } },
      errors: [...coordinatorErrors, "DECISION_NOT_FOUND"],
      async handle({ user, params }) {
        const detail = await getReviewDecision(ctx, { user, roomId: params.roomId ?? "", seq: seqParam(params.seq) });
        return { status: 200, body: presentReviewDetail(detail) };
      },
    }),
    // --- Exports and the report ---
    defineOperation({
      operationId: "exportDecisionsCsv",
      method: "get",
      path: "/rooms/:roomId/exports/decisions.csv",
      summary: "The decision log as CSV, corrections included (coordinators)",
      tag: "accountability",
      auth: true,
      responses: csvResponse,
      errors: coordinatorErrors,
      async handle({ user, params, res }) {
        const data = await loadDecisionsExport(ctx, { user, roomId: params.roomId ?? "" });
        return sendCsv(res, exportFileName("decisions", data.room, data.at, "csv"), decisionsCsv(data.decisions));
      },
    }),
    defineOperation({
      operationId: "exportCommitmentsCsv",
      method: "get",
      path: "/rooms/:roomId/exports/commitments.csv",
      summary: "The room's commitments as CSV (coordinators)",
      tag: "accountability",
      auth: true,
      responses: csvResponse,
      errors: coordinatorErrors,
      async handle({ user, params, res }) {
        const data = await loadCommitmentsExport(ctx, { user, roomId: params.roomId ?? "" });
        const csv = commitmentsCsv(presentCommitments(data.commitments));
        return sendCsv(res, exportFileName("commitments", data.room, data.at, "csv"), csv);
      },
    }),
    defineOperation({
      operationId: "exportPledgesCsv",
      method: "get",
      path: "/rooms/:roomId/exports/pledges.csv",
      summary: "The room's resource pledges as CSV (coordinators)",
      tag: "accountability",
      auth: true,
      responses: csvResponse,
      errors: coordinatorErrors,
      async handle({ user, params, res }) {
        const data = await loadPledgesExport(ctx, { user, roomId: params.roomId ?? "" });
        const csv = pledgesCsv(presentPledges(data.pledges));
        return sendCsv(res, exportFileName("pledges", data.room, data.at, "csv"), csv);
      },
    }),
    defineOperation({
      operationId: "exportRoomJson",
      method: "get",
      path: "/rooms/:roomId/exports/room.json",
      summary: "Decisions, commitments, pledges and the verified chain as one JSON document (coordinators)",
      tag: "accountability",
      auth: true,
      responses: { 200: { description: "The export, as an attachment", schema: roomExportSchema } },
      errors: coordinatorErrors,
      async handle({ user, params, res }) {
        const data = await loadRoomExport(ctx, { user, roomId: params.roomId ?? "" });
        attachment(res, exportFileName("room", data.room, data.exportedAt, "json"));
        return { status: 200, body: presentRoomExport(data) };
      },
    }),
    defineOperation({
      operationId: "getRoomReport",
      method: "get",
      path: "/rooms/:roomId/report",
      summary: "Everything the printable room report shows, over a period (default: the last 30 days; coordinators)",
      tag: "accountability",
      auth: true,
      query: periodQuerySchema,
      responses: { 200: { description: "The report", schema: roomReportSchema } },
      errors: [...coordinatorErrors, "VALIDATION_FAILED"],
      async handle({ user, params, query }) {
        const data = await getRoomReport(ctx, { user, roomId: params.roomId ?? "", query });
        return { status: 200, body: presentRoomReport(data) };
      },
    }),
  ];
}
