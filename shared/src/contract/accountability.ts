// Accountability: commitments and their progress, resource pledges and the ledger, the participation
// insight, the coordinators' review of decision logs, exports (CSV, JSON) and the printable report.
import { z } from "zod";
import type { ErrorCode } from "../errors.ts";
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
} from "../schemas/accountability.ts";
import { defineOperation } from "./define.ts";

const roomErrors = ["ROOM_NOT_FOUND", "NOT_A_MEMBER"] as const satisfies readonly ErrorCode[];
const writeErrors = [...roomErrors, "READ_ONLY_ROLE"] as const satisfies readonly ErrorCode[];
const coordinatorErrors = [...roomErrors, "NOT_A_COORDINATOR"] as const satisfies readonly ErrorCode[];

const csvResponse = {
  200: {
    description: "text/csv (RFC 4180, CRLF, formula-safe cells), as an attachment",
    contentType: "text/csv; charset=utf-8",
  },
} as const;

// --- Commitments ---

export const listCommitments = defineOperation({
  operationId: "listCommitments",
  method: "get",
  path: "/rooms/:roomId/commitments",
  summary: "The room's commitments, due first; overdue computed now",
  tag: "accountability",
  auth: true,
  query: commitmentListQuerySchema,
  responses: { 200: { description: "Commitments", schema: z.array(commitmentSchema) } },
  errors: roomErrors,
});

export const createCommitment = defineOperation({
  operationId: "createCommitment",
  method: "post",
  path: "/rooms/:roomId/commitments",
  summary: "Commit to carrying out an adopted decision (audited)",
  tag: "accountability",
  auth: true,
  body: createCommitmentInputSchema,
  responses: { 201: { description: "The commitment", schema: commitmentSchema } },
  errors: [
    ...writeErrors,
    "NOT_A_COORDINATOR",
    "DECISION_NOT_FOUND",
    "DECISION_NOT_ADOPTED",
    "MEMBER_NOT_FOUND",
    "CONFLICT",
  ],
});

export const updateCommitment = defineOperation({
  operationId: "updateCommitment",
  method: "patch",
  path: "/commitments/:commitmentId",
  summary: "Change a commitment: its owner or author, or any coordinator of the room (status changes audited)",
  tag: "accountability",
  auth: true,
  body: updateCommitmentInputSchema,
  responses: { 200: { description: "The commitment", schema: commitmentSchema } },
  errors: [...writeErrors, "COMMITMENT_NOT_FOUND", "NOT_YOUR_COMMITMENT"],
});

export const addCommitmentProgress = defineOperation({
  operationId: "addCommitmentProgress",
  method: "post",
  path: "/commitments/:commitmentId/progress",
  summary: "Add a dated progress note, optionally with the percent complete",
  tag: "accountability",
  auth: true,
  body: addCommitmentProgressInputSchema,
  responses: { 201: { description: "The commitment", schema: commitmentSchema } },
  errors: [...writeErrors, "COMMITMENT_NOT_FOUND", "NOT_YOUR_COMMITMENT", "CONFLICT"],
});

// --- Pledges and the ledger ---

export const createPledge = defineOperation({
  operationId: "createPledge",
  method: "post",
  path: "/rooms/:roomId/pledges",
  summary: "Pledge resources to an adopted decision or to the room, in your organisation's name (audited)",
  tag: "accountability",
  auth: true,
  body: createPledgeInputSchema,
  responses: { 201: { description: "The pledge", schema: pledgeSchema } },
  errors: [...writeErrors, "DECISION_NOT_FOUND", "DECISION_NOT_ADOPTED", "CONFLICT"],
});

export const updatePledgeStatus = defineOperation({
  operationId: "updatePledgeStatus",
  method: "patch",
  path: "/pledges/:pledgeId",
  summary: "Mark a pledge delivered or withdrawn: the member who pledged, or a coordinator (audited)",
  tag: "accountability",
  auth: true,
  body: updatePledgeStatusInputSchema,
  responses: { 200: { description: "The pledge", schema: pledgeSchema } },
  errors: [...writeErrors, "PLEDGE_NOT_FOUND", "NOT_YOUR_PLEDGE", "CONFLICT"],
});

export const listResourceLedger = defineOperation({
  operationId: "listResourceLedger",
  method: "get",
  path: "/rooms/:roomId/resources",
  summary: "The room's pledges with totals per kind and unit, overall and per sector",
  tag: "accountability",
  auth: true,
  query: ledgerQuerySchema,
  responses: { 200: { description: "The ledger", schema: resourceLedgerSchema } },
  errors: roomErrors,
});

// --- Participation ---

export const getParticipation = defineOperation({
  operationId: "getParticipation",
  method: "get",
  path: "/rooms/:roomId/participation",
  summary:
    "Acts and attendance per sector over a period (default: the last 30 days), the quiet sectors (coordinators), the stage history",
  tag: "accountability",
  auth: true,
  query: periodQuerySchema,
  responses: { 200: { description: "Participation", schema: participationSchema } },
  errors: roomErrors,
});

export const getAccountabilitySettings = defineOperation({
  operationId: "getAccountabilitySettings",
  method: "get",
  path: "/rooms/:roomId/accountability-settings",
  summary: "The room's participation setting: quiet below `quietPercent`% of the acts in proportion to its members",
  tag: "accountability",
  auth: true,
  responses: { 200: { description: "Settings", schema: accountabilitySettingsSchema } },
  errors: roomErrors,
});

export const updateAccountabilitySettings = defineOperation({
  operationId: "updateAccountabilitySettings",
  method: "patch",
  path: "/rooms/:roomId/accountability-settings",
  summary:
    "Set the room's quiet percentage (coordinators; audited). Replaces `symbolicFloorPercent`, which is refused as an unknown field",
  tag: "accountability",
  auth: true,
  body: updateAccountabilitySettingsInputSchema,
  responses: { 200: { description: "Settings", schema: accountabilitySettingsSchema } },
  errors: coordinatorErrors,
});

// --- Coordinator review ---

export const listReviewDecisions = defineOperation({
  operationId: "listReviewDecisions",
  method: "get",
  path: "/review/decisions",
  summary: "Decisions of the rooms you coordinate, filtered by room, date, outcome, voting sector and title",
  tag: "accountability",
  auth: true,
  query: reviewQuerySchema,
  responses: { 200: { description: "Decisions, newest first", schema: z.array(reviewDecisionSummarySchema) } },
  errors: coordinatorErrors,
});

export const getReviewDecision = defineOperation({
  operationId: "getReviewDecision",
  method: "get",
  path: "/review/rooms/:roomId/decisions/:seq",
  summary: "One decision with tallies, reasons, frozen text, corrections, commitments, pledges and chain integrity",
  tag: "accountability",
  auth: true,
  responses: { 200: { description: "The decision", schema: reviewDecisionDetailSchema } },
  errors: [...coordinatorErrors, "DECISION_NOT_FOUND"],
});

// --- Exports and the report ---

export const exportDecisionsCsv = defineOperation({
  operationId: "exportDecisionsCsv",
  method: "get",
  path: "/rooms/:roomId/exports/decisions.csv",
  summary: "The decision log as CSV, corrections included (coordinators)",
  tag: "accountability",
  auth: true,
  responses: csvResponse,
  errors: coordinatorErrors,
});

export const exportCommitmentsCsv = defineOperation({
  operationId: "exportCommitmentsCsv",
  method: "get",
  path: "/rooms/:roomId/exports/commitments.csv",
  summary: "The room's commitments as CSV (coordinators)",
  tag: "accountability",
  auth: true,
  responses: csvResponse,
  errors: coordinatorErrors,
});

export const exportPledgesCsv = defineOperation({
  operationId: "exportPledgesCsv",
  method: "get",
  path: "/rooms/:roomId/exports/pledges.csv",
  summary: "The room's resource pledges as CSV (coordinators)",
  tag: "accountability",
  auth: true,
  responses: csvResponse,
  errors: coordinatorErrors,
});

export const exportRoomJson = defineOperation({
  operationId: "exportRoomJson",
  method: "get",
  path: "/rooms/:roomId/exports/room.json",
  summary: "Decisions, commitments, pledges and the verified chain as one JSON document (coordinators)",
  tag: "accountability",
  auth: true,
  responses: { 200: { description: "The export, as an attachment", schema: roomExportSchema } },
  errors: coordinatorErrors,
});

export const getRoomReport = defineOperation({
  operationId: "getRoomReport",
  method: "get",
  path: "/rooms/:roomId/report",
  summary: "Everything the printable room report shows, over a period (default: the last 30 days; coordinators)",
  tag: "accountability",
  auth: true,
  query: periodQuerySchema,
  responses: { 200: { description: "The report", schema: roomReportSchema } },
  errors: coordinatorErrors,
});
