// Pure reading of the decision log: a record's untyped payload into a view, corrections under their record.
import {
  type CloseReason,
  type DecisionRecord,
  type Position,
  type PublicTally,
  type Sector,
  type TallyOutcome,
  type TallyReasonCode,
  closeReasonSchema,
  positionSchema,
  publicTallySchema,
  sectorSchema,
  tallyOutcomeSchema,
  tallyReasonCodeSchema,
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
}

type Payload = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const parsed = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown) => {
  const result = schema.safeParse(v);
  return result.success ? result.data : null;
};
const asObject = (value: unknown): Payload | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Payload) : null;

function readPositions(value: unknown, secret: boolean): Pick<DecisionView, "positions" | "reasons"> {
  const items = Array.isArray(value) ? value.map(asObject).filter((item) => item !== null) : [];
  const positions: NamedPosition[] = [];
  const reasons: SecretReason[] = [];
  for (const item of items) {
    const position = parsed(positionSchema, item.position);
    if (!position) continue;
    const reason = typeof item.reason === "string" && item.reason ? item.reason : null;
    if (secret) {
      if (reason) reasons.push({ position, reason });
      continue;
    }
    const sector = parsed(sectorSchema, item.sector);
    if (!sector) continue;
    positions.push({
      memberId: text(item.memberId),
      displayName: text(item.displayName),
      sector,
      organisation: text(item.organisation),
      position,
      reason,
    });
  }
  return { positions, reasons };
}

export function readDecision(record: DecisionRecord): DecisionView {
  const payload = record.payload;
  const secretBallot = payload.secretBallot === true;
  const outcome = parsed(tallyOutcomeSchema, payload.outcome);
  return {
    seq: record.seq,
    at: record.at,
    hash: record.hash,
    readable: payload.type === "motionDecided" && outcome !== null,
    proposalTitle: text(payload.proposalTitle),
    outcome,
    reasonCode: parsed(tallyReasonCodeSchema, payload.reasonCode),
    closeReason: parsed(closeReasonSchema, payload.closeReason),
    earlyClose: payload.earlyClose === true,
    secretBallot,
    tally: parsed(publicTallySchema, payload.tally),
    ...readPositions(payload.positions, secretBallot),
    corrections: [],
  };
}

export function readCorrection(record: DecisionRecord): CorrectionView {
  return {
    seq: record.seq,
    at: record.at,
    note: text(record.payload.note),
    correctedBy: text(asObject(record.payload.correctedBy)?.displayName),
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
