import { describe, expect, it } from "vitest";
import { type BenchResult, goalChecks, lostSummary, workloadStalls } from "./report.ts";
import type { ServerMeasure, TownHallRow } from "./workloads.ts";

const measure = (maxMs: number): ServerMeasure => ({
  cpuSeconds: 1,
  nodeCpuSeconds: 1,
  databaseCpuSeconds: 0,
  peakRssMb: 100,
  eventLoop: { p99Ms: 10, maxMs },
});

const latency = (p99Ms: number) => ({ count: 10, p50Ms: 1, p95Ms: p99Ms, p99Ms, maxMs: p99Ms });

function townRow(server: string, overrides: Partial<TownHallRow> = {}): TownHallRow {
  return {
    server,
    members: 60,
    editors: 10,
    viewers: 50,
    edit: {
      latency: latency(20),
      ack: null,
      editsSent: 100,
      deliveries: 5900,
      expectedDeliveries: 5900,
      sendErrors: 0,
      outOfOrder: 0,
      generatorEventLoop: { p99Ms: 10, maxMs: 20 },
      verified: true,
      failures: [],
      connectSeconds: 1,
      runSeconds: 5,
    },
    editServer: measure(40),
    chat: null,
    vote: null,
    voteServer: null,
    verified: true,
    failures: [],
    ...overrides,
  };
}

function result(overrides: Partial<BenchResult>): BenchResult {
  return {
    date: "2026-12-02T16:00:00.000Z",
    quick: true,
    machine: {},
    versions: {},
    parameters: {},
    notes: [],
    busyProposal: [],
    manyRooms: [],
    bigDocument: [],
    voteBurst: null,
    reconnectStorm: [],
    scaleOut: [],
    durationSeconds: 1,
    ...overrides,
  };
}

describe("workloadStalls", () => {
  it("gives Mufakat's worst event-loop delay per workload that ran, in workload order", () => {
    const stalls = workloadStalls(
      result({
        busyProposal: [
          { server: "mufakat", editors: 10, outcome: null, server_: measure(17), cpuMsPerEdit: 1, holds: true },
          { server: "mufakat", editors: 50, outcome: null, server_: measure(26), cpuMsPerEdit: 1, holds: true },
          { server: "hocuspocus", editors: 50, outcome: null, server_: measure(900), cpuMsPerEdit: 1, holds: true },
        ],
        townHall: [
          townRow("mufakat", { voteServer: measure(130) }),
          townRow("hocuspocus", { editServer: measure(500) }),
        ],
      }),
    );
    expect(stalls).toEqual([
      { workload: "W1", maxMs: 26 },
      { workload: "W7", maxMs: 130 },
    ]);
  });

  it("reads results from before workload 7 existed", () => {
    expect(workloadStalls(result({}))).toEqual([]);
  });
});

describe("goalChecks for the town hall", () => {
  it("compares the edit p99 with Hocuspocus's and names each workload's stall", () => {
    const checks = goalChecks(
      result({
        townHall: [
          townRow("mufakat", { edit: { ...townRow("x").edit!, latency: latency(30) } }),
          townRow("hocuspocus", { edit: { ...townRow("x").edit!, latency: latency(20) } }),
        ],
      }),
    );
    expect(checks).toEqual([
      { goal: "W7 town hall edit p99 ≤ Hocuspocus's", measured: "30 vs 20 ms (1.50×)", met: false },
      { goal: "No Mufakat event-loop stall > 100 ms in any workload", measured: "W7 40 ms", met: true },
    ]);
  });
});

describe("lostSummary", () => {
  it("counts missing edit deliveries, chat messages not stored or not delivered, and votes not stored", () => {
    const row = townRow("mufakat", {
      edit: { ...townRow("x").edit!, deliveries: 5897 },
      chat: { sent: 25, acked: 24, ack: latency(50), stored: 23, missedDeliveries: 2 },
      vote: {
        sends: 90,
        ack: latency(150),
        allAck: latency(160),
        votesPerSecond: 30,
        tallyExact: true,
        storedVotes: 59,
        distinctVoters: 59,
        refusals: {},
      },
    });
    expect(lostSummary(row)).toBe("3 edit deliveries, 1 chat stored, 2 chat deliveries, 1 votes");
    expect(lostSummary(townRow("hocuspocus"))).toBe("0 edit deliveries");
    expect(lostSummary(townRow("mufakat", { edit: null }))).toBe("–");
  });
});
