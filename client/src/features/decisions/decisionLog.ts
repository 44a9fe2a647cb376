// Pure reading of the decision log: a record's payload (read by the shared parseDecisionPayload) into a
// view, corrections under their record.
import {
  type CloseReason,
  type DecisionPayload,
  type DecisionRecord,
  type Poll,
  type Position,
  type PublicTally,
  type Sector,
  type TallyOutcome,
  type TallyReasonCode,
  parseDecisionPayload,
} from "@mufakat/shared";

export interface NamedPosition {
  memberId: string;
  displayName: string;
  sector: Sector;
  organisation: string;
  position: Position;
  reason: string | null;
}

export interface SecretReason {
  position: Position;
  reason: string;
}

export interface CorrectionView {
  seq: number;
  at: string;
  note: string;
  correctedBy: string;
}

export interface DecisionView {
  seq: number;
  at: string;
  hash: string;
  /** False when the payload is not a decision this client can read (shown as such, never hidden). */
  readable: boolean;
  proposalTitle: string;
  outcome: TallyOutcome | null;
  reasonCode: TallyReasonCode | null;
  closeReason: CloseReason | null;
  earlyClose: boolean;
  secretBallot: boolean;
  tally: PublicTally | null;
  positions: NamedPosition[];
  reasons: SecretReason[];
  corrections: CorrectionView[];
  /** A poll's decision: its kind, options and result (null for a motion's). */
  poll: Pick<Poll, "kind" | "title" | "options" | "result" | "quorum" | "status"> | null;
}

function readPositions(
  payload: DecisionPayload & { type: "motionDecided" },
): Pick<DecisionView, "positions" | "reasons"> {
  const positions: NamedPosition[] = [];
  const reasons: SecretReason[] = [];
  for (const item of payload.positions) {
    // An empty reason is no reason.
    const reason = item.reason ? item.reason : null;
    if (payload.secretBallot) {
      if (reason) reasons.push({ position: item.position, reason });
      continue;
    }
    if (!item.sector) continue;
    positions.push({
      memberId: item.memberId ?? "",
      displayName: item.displayName ?? "",
      sector: item.sector,
      organisation: item.organisation ?? "",
      position: item.position,
      reason,
    });
  }
  return { positions, reasons };
}

export function readDecision(record: DecisionRecord): DecisionView {
  const payload = parseDecisionPayload(record.payload);
  const base = { seq: record.seq, at: record.at, hash: record.hash, corrections: [], poll: null };
  if (payload.type === "pollDecided") {
    const { kind, result, quorum } = payload;
    return {
      ...base,
      readable: kind !== null && result !== null && quorum !== null,
      proposalTitle: payload.title,
      outcome: null,
      reasonCode: null,
      closeReason: payload.closeReason,
      earlyClose: payload.earlyClose,
      secretBallot: payload.secretBallot,
      tally: null,
      positions: [],
      reasons: [],
      poll:
        kind && result && quorum
          ? { kind, title: payload.title, options: payload.options, result, quorum, status: "closed" }
          : null,
    };
  }
  if (payload.type !== "motionDecided") {
    return {
      ...base,
      readable: false,
      proposalTitle: "",
      outcome: null,
      reasonCode: null,
      closeReason: null,
      earlyClose: false,
      secretBallot: false,
      tally: null,
      positions: [],
      reasons: [],
    };
  }
  return {
    ...base,
    readable: payload.outcome !== null,
    proposalTitle: payload.proposalTitle,
    outcome: payload.outcome,
    reasonCode: payload.reasonCode,
    closeReason: payload.closeReason,
    earlyClose: payload.earlyClose,
    secretBallot: payload.secretBallot,
    tally: payload.tally,
    ...readPositions(payload),
  };
}

export function readCorrection(record: DecisionRecord): CorrectionView {
  const payload = parseDecisionPayload(record.payload);
  return {
    seq: record.seq,
    at: record.at,
    note: payload.type === "correction" ? payload.note : "",
    correctedBy: payload.type === "correction" ? payload.correctedBy.displayName : "",
  };
}

/**
 * Decisions newest first, each with the corrections that name it (oldest first). A correction of a
 * correction belongs to the decision at the root; one whose target is missing is listed on its own.
 */
export function groupDecisionLog(records: readonly DecisionRecord[]): DecisionView[] {
  const bySeq = new Map(records.map((record) => [record.seq, record]));
  const rootOf = (record: DecisionRecord): number | null => {
    let current: DecisionRecord | undefined = record;
    const seen = new Set<number>();
    while (current && current.kind === "correction") {
      if (current.corrects === null || seen.has(current.seq)) return null;
      seen.add(current.seq);
      current = bySeq.get(current.corrects);
    }
    return current ? current.seq : null;
  };
  const decisions = new Map<number, DecisionView>();
  const orphans: DecisionView[] = [];
  for (const record of records) {
    if (record.kind === "decision") decisions.set(record.seq, readDecision(record));
  }
  for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
    if (record.kind !== "correction") continue;
    const root = rootOf(record);
    const target = root === null ? undefined : decisions.get(root);
    if (target) target.corrections.push(readCorrection(record));
    else orphans.push({ ...readDecision(record), readable: false, corrections: [readCorrection(record)] });
  }
  return [...decisions.values(), ...orphans].sort((a, b) => b.seq - a.seq);
}
