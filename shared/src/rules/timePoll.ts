// Time polls: each voter answers each proposed slot yes, if need be, or no (or leaves it unanswered).
// Counts per slot, overall and per sector, and the slots ordered from the best. Whole counts: exact.
import type { FieldIssue } from "../errors.ts";
import type { Sector } from "../schemas/user.ts";
import { mapSectors, type PollResult, pollIssue, pollResult, optionMapEntries, pollInputIssues } from "./pollInput.ts";

export const timeAnswers = ["yes", "ifNeedBe", "no"] as const;
export type TimeAnswer = (typeof timeAnswers)[number];

export interface TimeBallot {
  sector: Sector;
  /** Slot id to answer; a slot left out is unanswered, which is not counted as a no. */
  answers: Readonly<Record<string, TimeAnswer>>;
}

export interface SlotCounts {
  slot: string;
  yes: number;
  ifNeedBe: number;
  no: number;
  /** Ballots of the group that did not answer this slot. */
  unanswered: number;
}

export interface TimeGroup {
  ballots: number;
  /** One entry per slot, in the poll's order. */
  slots: SlotCounts[];
}

export interface TimePollResult {
  overall: TimeGroup;
  /** Every sector, those without ballots included. */
  perSector: Record<Sector, TimeGroup>;
  /**
   * Every slot, best first: most yes + ifNeedBe (who can come at all), then most yes (who can come
   * gladly), then the poll's own slot order, so of two equal slots the one listed first (usually the
   * earlier) leads.
   */
  ranking: string[];
  /** The slots level with the first of `ranking` on both counts; empty when nobody can come to any. */
  best: string[];
}

const knownAnswers: ReadonlySet<string> = new Set(timeAnswers);

/** Issues of one time ballot, paths under `path` ("ballots.3"): for checking a ballot as it is cast. */
export function timeBallotIssues(slots: readonly string[], ballot: TimeBallot, path: string): FieldIssue[] {
  const { issues, entries } = optionMapEntries(ballot, "answers", slots, path, {
    rule: "invalidAnswer",
    message: "must map slots to answers",
  });
  for (const [slot, answer] of entries) {
    if (typeof answer !== "string" || !knownAnswers.has(answer)) {
      issues.push(pollIssue(`${path}.answers.${slot}`, "invalidAnswer", `must be one of ${timeAnswers.join(", ")}`));
    }
  }
  return issues;
}

function timeGroup(slots: readonly string[], ballots: readonly TimeBallot[]): TimeGroup {
  return {
    ballots: ballots.length,
    slots: slots.map((slot): SlotCounts => {
      const counts = { slot, yes: 0, ifNeedBe: 0, no: 0, unanswered: 0 };
      for (const ballot of ballots) {
        if (Object.hasOwn(ballot.answers, slot)) counts[ballot.answers[slot]!] += 1;
        else counts.unanswered += 1;
      }
      return counts;
    }),
  };
}

function available(c: SlotCounts): number {
  return c.yes + c.ifNeedBe;
}

/**
 * Counts a time poll over `slots`. Refused (VALIDATION_FAILED, every issue listed): an answer other than
 * yes, ifNeedBe or no, a slot not in the poll, an unknown sector.
 */
export function countTimePoll(slots: readonly string[], ballots: readonly TimeBallot[]): PollResult<TimePollResult> {
  const issues = pollInputIssues({ ids: slots, path: "slots" }, null, ballots, (ballot, path) =>
    timeBallotIssues(slots, ballot, path),
  );
  return pollResult(issues, () => {
    const overall = timeGroup(slots, ballots);
    // Array.prototype.sort is stable, so slots level on both counts keep the poll's order.
    const ordered = [...overall.slots].sort((a, b) => available(b) - available(a) || b.yes - a.yes);
    const first = ordered[0];
    const best =
      first && available(first) > 0
        ? ordered.filter((c) => available(c) === available(first) && c.yes === first.yes).map((c) => c.slot)
        : [];
    return {
      overall,
      perSector: mapSectors((sector) =>
        timeGroup(
          slots,
          ballots.filter((b) => b.sector === sector),
        ),
      ),
      ranking: ordered.map((c) => c.slot),
      best,
    };
  });
}
