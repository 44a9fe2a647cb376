// Pure shaping for the accountability screens: commitments by status, pledge totals per sector for a
// chart, weekly participation rows, balance levels, durations, and picked days as instants with offset.
import {
  type Commitment,
  type CommitmentStatus,
  type ActKind,
  type ResourceKind,
  type ResourceTotal,
  type Sector,
  commitmentStatuses,
  actKinds,
  sectors,
} from "@mufakat/shared";
import { type Locale, formatters } from "../../i18n/translate.ts";

/** Commitments under each status (every status present), the soonest due first. */
export function groupCommitmentsByStatus(commitments: readonly Commitment[]): Record<CommitmentStatus, Commitment[]> {
  const groups = Object.fromEntries(commitmentStatuses.map((status) => [status, [] as Commitment[]])) as Record<
    CommitmentStatus,
    Commitment[]
  >;
  for (const commitment of commitments) groups[commitment.status].push(commitment);
  for (const status of commitmentStatuses) {
    groups[status].sort((a, b) => Date.parse(a.dueDate) - Date.parse(b.dueDate) || a.id.localeCompare(b.id));
  }
  return groups;
}

/** A quantity as the language writes it, with at most the two decimals pledges keep. */
export function formatQuantity(quantity: number, locale: Locale): string {
  return formatters(locale).quantity(quantity);
}

/** One line of totals: a kind in one unit ("funds|IDR"). Units are never added together. */
export interface ResourceLine {
  kind: ResourceKind;
  unit: string;
}

export const lineKey = (line: ResourceLine) => `${line.kind}|${line.unit}`;

export function parseLineKey(key: string, lines: readonly ResourceLine[]): ResourceLine | null {
  return lines.find((line) => lineKey(line) === key) ?? null;
}

export interface SectorTotalRow {
  sector: Sector;
  pledged: number;
  delivered: number;
  total: number;
}

/** Every sector's totals for one kind and unit, in the order of `sectors` (zero where it pledged none). */
export function sectorTotalsFor(
  bySector: Partial<Record<Sector, ResourceTotal[]>>,
  line: ResourceLine,
): SectorTotalRow[] {
  return sectors.map((sector) => {
    const found = (bySector[sector] ?? []).find((row) => row.kind === line.kind && row.unit === line.unit);
    return { sector, pledged: found?.pledged ?? 0, delivered: found?.delivered ?? 0, total: found?.total ?? 0 };
  });
}

export interface WeekCounts {
  from: string;
  to: string;
  perSector: Partial<Record<Sector, Partial<Record<ActKind | "total", number>>>>;
}

export type WeekRow = { week: string } & Partial<Record<Sector, number>>;

/** Rows for a chart of acts over time: one per week, one number per sector shown. */
export function weeklyRows(weeks: readonly WeekCounts[], shown: readonly Sector[], label: (iso: string) => string) {
  return weeks.map((week): WeekRow => {
    const row: WeekRow = { week: label(week.from) };
    for (const sector of shown) {
      const counts = week.perSector[sector];
      row[sector] = counts?.total ?? actKinds.reduce((sum, kind) => sum + (counts?.[kind] ?? 0), 0);
    }
    return row;
  });
}

/** Seven-day buckets from `from` to `to` (both ISO instants); the last may be shorter. */
export function weekBuckets(from: string, to: string): Array<{ from: string; to: string }> {
  const week = 7 * 24 * 60 * 60 * 1000;
  const end = Date.parse(to);
  const buckets: Array<{ from: string; to: string }> = [];
  for (let start = Date.parse(from); start < end; start += week) {
    buckets.push({ from: new Date(start).toISOString(), to: new Date(Math.min(start + week, end)).toISOString() });
  }
  return buckets;
}

/** Sectors with members or acts: the ones a chart shows. */
export function sectorsPresent(rows: ReadonlyArray<{ sector: Sector; members: number; total: number }>): Sector[] {
  return rows.filter((row) => row.members > 0 || row.total > 0).map((row) => row.sector);
}

export type BalanceLevel = "none" | "low" | "below" | "even" | "above";

/**
 * A sector's acts as a percentage of its proportion (rounded down, as the server sends it) in words: under
 * half, somewhat under, about in proportion, over. Words only: the flag is the room's quiet line.
 */
export function balanceLevel(proportionPercent: number | null): BalanceLevel {
  if (proportionPercent === null) return "none";
  if (proportionPercent < 50) return "low";
  if (proportionPercent < 90) return "below";
  if (proportionPercent <= 110) return "even";
  return "above";
}

/** A share 0–1 as a whole percentage in the language, or "–". */
export function formatPercent(share: number | null, locale: Locale): string {
  return formatters(locale).percent(share);
}

/** Whole hours and remaining minutes of a duration. */
export function splitDuration(ms: number): { hours: number; minutes: number } {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

const two = (n: number) => String(n).padStart(2, "0");

/** A local time as an ISO instant with the local offset ("2026-12-31T23:59:59.999+07:00"). */
export function localInstant(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, "0")}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/** A picked day ("2026-12-31", from <input type="date">) as its midnight in local time; "" or no such day: null. */
export function dayDate(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const midnight = new Date(year, month, date);
  // 2026-02-31 is no day (Date would roll it over to March).
  return midnight.getMonth() === month && midnight.getDate() === date ? midnight : null;
}

/** A picked day as its first or last instant, local time; "" stays undefined. */
export function dayBoundary(day: string, end: "start" | "end"): string | undefined {
  const midnight = dayDate(day);
  if (!midnight) return undefined;
  if (end === "start") return localInstant(midnight);
  return localInstant(new Date(midnight.getFullYear(), midnight.getMonth(), midnight.getDate(), 23, 59, 59, 999));
}

/** A Date as the value of <input type="date"> in local time. */
export function dayValue(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}
