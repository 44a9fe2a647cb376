// Grouping commitments, totals per sector, weekly rows and buckets, balance levels and local instants.
import type { Commitment } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import {
  balanceLevel,
  dayBoundary,
  dayDate,
  formatPercent,
  formatQuantity,
  groupCommitmentsByStatus,
  localInstant,
  sectorTotalsFor,
  sectorsPresent,
  splitDuration,
  weekBuckets,
  weeklyRows,
} from "./accountabilityView.ts";

const user = { id: "u1", displayName: "Siti", sector: "community" as const, organisation: "Forum Warga" };
function commitment(id: string, status: Commitment["status"], dueDate: string): Commitment {
  return {
    id,
    roomId: "r",
    decisionSeq: 1,
    decisionTitle: "Jadwal air",
    what: id,
    owner: null,
    ownerOrganisation: "Dinas PU",
    sector: "government",
    dueDate,
    status,
    percentComplete: 0,
    overdue: false,
    progress: [],
    createdBy: user,
    createdAt: dueDate,
    updatedAt: dueDate,
  };
}

describe("groupCommitmentsByStatus", () => {
  it("puts every commitment under its status, soonest due first, with every status present", () => {
    const groups = groupCommitmentsByStatus([
      commitment("b", "planned", "2026-05-02T00:00:00.000Z"),
      commitment("c", "done", "2026-05-01T00:00:00.000Z"),
      commitment("a", "planned", "2026-05-01T00:00:00.000Z"),
    ]);
    expect(
      Object.fromEntries(Object.entries(groups).map(([status, items]) => [status, items.map((c) => c.id)])),
    ).toEqual({ planned: ["a", "b"], inProgress: [], done: ["c"], dropped: [] });
  });
});

describe("totals", () => {
  it("formats quantities per language with at most two decimals", () => {
    expect(formatQuantity(1_500_000.25, "id")).toBe("1.500.000,25");
    expect(formatQuantity(1_500_000.25, "en")).toBe("1,500,000.25");
    expect(formatQuantity(8, "en")).toBe("8");
  });

  it("lists every sector's total for one kind and unit, never mixing units", () => {
    const line = (kind: "funds" | "peopleTime", unit: string, pledged: number, delivered: number) => ({
      kind,
      unit,
      pledged,
      delivered,
      total: pledged + delivered,
      pledges: 1,
    });
    const rows = sectorTotalsFor(
      {
        government: [line("funds", "IDR", 100, 50), line("funds", "USD", 7, 0)],
        private: [line("peopleTime", "jam", 8, 0)],
        community: [],
      },
      { kind: "funds", unit: "IDR" },
    );
    expect(rows.map((row) => [row.sector, row.total])).toEqual([
      ["government", 150],
      ["private", 0],
      ["community", 0],
      ["academia", 0],
      ["media", 0],
    ]);
  });
});

describe("participation over time", () => {
  it("cuts a period into seven-day buckets, the last one shorter", () => {
    expect(weekBuckets("2026-01-01T00:00:00.000Z", "2026-01-16T00:00:00.000Z")).toEqual([
      { from: "2026-01-01T00:00:00.000Z", to: "2026-01-08T00:00:00.000Z" },
      { from: "2026-01-08T00:00:00.000Z", to: "2026-01-15T00:00:00.000Z" },
      { from: "2026-01-15T00:00:00.000Z", to: "2026-01-16T00:00:00.000Z" },
    ]);
  });

  it("makes one chart row per week with the totals of the sectors shown", () => {
    const rows = weeklyRows(
      [
        { from: "w1", to: "w2", perSector: { government: { total: 3 }, media: { total: 0 } } },
        { from: "w2", to: "w3", perSector: { government: { chatMessages: 2, votes: 1 } } },
      ],
      ["government", "media"],
      (iso) => `label ${iso}`,
    );
    expect(rows).toEqual([
      { week: "label w1", government: 3, media: 0 },
      { week: "label w2", government: 3, media: 0 },
    ]);
  });

  it("shows the sectors with members or contributions", () => {
    expect(
      sectorsPresent([
        { sector: "government", members: 1, total: 0 },
        { sector: "private", members: 0, total: 0 },
        { sector: "media", members: 0, total: 2 },
      ]),
    ).toEqual(["government", "media"]);
  });

  it("words the balance indicator and shares", () => {
    expect([null, 20, 50, 90, 110, 150].map(balanceLevel)).toEqual(["none", "low", "below", "even", "even", "above"]);
    expect([formatPercent(null, "id"), formatPercent(0.125, "id"), formatPercent(1, "en")]).toEqual([
      "–",
      "13%",
      "100%",
    ]);
    expect(splitDuration(65 * 60_000 + 59_000)).toEqual({ hours: 1, minutes: 5 });
  });
});

describe("picked days as instants", () => {
  it("writes a local time with its offset, the same instant", () => {
    const date = new Date(2026, 11, 31, 23, 59, 59, 999);
    const text = localInstant(date);
    expect(text).toMatch(/^2026-12-31T23:59:59\.999[+-]\d{2}:\d{2}$/);
    expect(Date.parse(text)).toBe(date.getTime());
  });

  it("turns a day into its first or last instant, and nothing into undefined", () => {
    expect(Date.parse(dayBoundary("2026-03-02", "start") ?? "")).toBe(new Date(2026, 2, 2).getTime());
    expect(Date.parse(dayBoundary("2026-03-02", "end") ?? "")).toBe(new Date(2026, 2, 2, 23, 59, 59, 999).getTime());
    expect(dayBoundary("", "end")).toBeUndefined();
    expect(dayBoundary("2026-02-31", "end")).toBeUndefined();
  });

  it("reads a picked day as its local midnight, and no day as null", () => {
    expect(dayDate("2031-03-05")?.getTime()).toBe(new Date(2031, 2, 5).getTime());
    expect(dayDate("2026-02-31")).toBeNull();
    expect(dayDate("5/3/2031")).toBeNull();
    expect(dayDate("")).toBeNull();
  });
});
