// What the poll counts (schulze, instantRunoff, scorePoll, dotPoll, timePoll) share: the answer that is
// either a count or a refusal, the refusal's field issues, and the checks every poll makes on its options
// and its voters' sectors. Ballots are user input, so a malformed one is answered, never thrown.
import type { FieldIssue } from "../errors.ts";
import { type Sector, sectors } from "../schemas/user.ts";

/**
 * Why a poll's input was refused, one name per rule, carried as `rule` on each field issue (code "custom")
 * so a client can word it like any other validation failure.
 */
export type PollInputRule =
  | "duplicateOptionId"
  | "emptyOptionId"
  | "unknownOption"
  | "optionRankedTwice"
  | "emptyRank"
  | "invalidWeight"
  | "invalidSector"
  | "invalidMaxScore"
  | "scoreOutOfRange"
  | "invalidDotBudget"
  | "dotsNotWholeNonNegative"
  | "tooManyDots"
  | "invalidAnswer"
  | "invalidRank";

/**
 * The refusal, shaped as the one error body of the API (VALIDATION_FAILED with field issues), so a command
 * can hand it to an ack or an HTTP error unchanged. Every malformed place is listed, not only the first:
 * a client that shows them all saves the voter a round trip per mistake.
 */
export interface PollInputError {
  code: "VALIDATION_FAILED";
  message: string;
  details: FieldIssue[];
}

export type PollResult<T> = { ok: true; data: T } | { ok: false; error: PollInputError };

export function pollIssue(path: string, rule: PollInputRule, message: string): FieldIssue {
  return { path, message, code: "custom", rule };
}

/** The count when nothing was wrong, the refusal listing every issue otherwise. */
export function pollResult<T>(issues: readonly FieldIssue[], count: () => T): PollResult<T> {
  if (issues.length === 0) return { ok: true, data: count() };
  return {
    ok: false,
    error: {
      code: "VALIDATION_FAILED",
      message: `poll input refused: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      details: [...issues],
    },
  };
}

/** Issues of a poll's own option (or slot) list: every id non-empty and listed once. */
export function optionListIssues(options: readonly string[], path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const firstIndex = new Map<string, number>();
  options.forEach((id, index) => {
    if (typeof id !== "string" || id.length === 0) {
      issues.push(pollIssue(`${path}.${index}`, "emptyOptionId", "must be a non-empty id"));
      return;
    }
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) {
      issues.push(pollIssue(`${path}.${index}`, "duplicateOptionId", `same id as ${path}.${earlier}`));
    } else {
      firstIndex.set(id, index);
    }
  });
  return issues;
}

const knownSectors: ReadonlySet<string> = new Set(sectors);

/** Sectors index the per-sector counts, so one outside the five would have nowhere to go. */
export function sectorIssues(sector: unknown, path: string): FieldIssue[] {
  return typeof sector === "string" && knownSectors.has(sector)
    ? []
    : [pollIssue(path, "invalidSector", `must be one of ${sectors.join(", ")}`)];
}

/** Own keys of a ballot's answers that are not options of the poll. */
function unknownKeyIssues(
  answers: Readonly<Record<string, unknown>>,
  known: ReadonlySet<string>,
  path: string,
): FieldIssue[] {
  return Object.keys(answers)
    .filter((key) => !known.has(key))
    .map((key) => pollIssue(`${path}.${key}`, "unknownOption", "not an option of this poll"));
}

/**
 * The shape every map ballot (score, dot, time) shares: a voter's sector, and one field mapping option (or
 * slot) ids to values. Returns the issues of that shape (the sector; not a map, under `notAMap`'s rule; keys
 * that are no option) and the values of the known options, for the poll to judge.
 */
export function optionMapEntries(
  ballot: { sector?: unknown } | null | undefined,
  field: string,
  options: readonly string[],
  path: string,
  notAMap: { rule: PollInputRule; message: string },
): { issues: FieldIssue[]; entries: Array<[string, unknown]> } {
  const issues = sectorIssues(ballot?.sector, `${path}.sector`);
  const map: unknown = (ballot as Record<string, unknown> | null | undefined)?.[field];
  if (typeof map !== "object" || map === null || Array.isArray(map)) {
    return { issues: [...issues, pollIssue(`${path}.${field}`, notAMap.rule, notAMap.message)], entries: [] };
  }
  const known = new Set(options);
  const record = map as Record<string, unknown>;
  issues.push(...unknownKeyIssues(record, known, `${path}.${field}`));
  return { issues, entries: Object.entries(record).filter(([option]) => known.has(option)) };
}

/**
 * A whole poll's issues: its option list's, then its parameter's (a maximum score, a dot budget); only with
 * a valid parameter are the ballots judged, each under `ballots.<index>`.
 */
export function pollInputIssues<B>(
  options: { ids: readonly string[]; path: string },
  parameterIssue: FieldIssue | null,
  ballots: readonly B[],
  ballotIssues: (ballot: B, path: string) => FieldIssue[],
): FieldIssue[] {
  const issues = optionListIssues(options.ids, options.path);
  // Without a valid parameter no ballot can be judged, so the ballots are not looked at.
  if (parameterIssue) return [...issues, parameterIssue];
  ballots.forEach((ballot, b) => {
    issues.push(...ballotIssues(ballot, `ballots.${b}`));
  });
  return issues;
}

export function mapSectors<T>(make: (sector: Sector) => T): Record<Sector, T> {
  return Object.fromEntries(sectors.map((s) => [s, make(s)])) as Record<Sector, T>;
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
