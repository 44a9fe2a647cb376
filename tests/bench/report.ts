// The result of one bench run (written as JSON) and its markdown rendering (the README's table).
import type { LatencySummary } from "./lib/histogram.ts";
import type {
  BigDocumentRow,
  BusyProposalRow,
  ManyRoomsRow,
  ReconnectStormRow,
  TownHallRow,
  VoteBurstRow,
} from "./workloads.ts";

export interface BenchResult {
  date: string;
  quick: boolean;
  machine: Record<string, string | number>;
  versions: Record<string, string>;
  parameters: Record<string, unknown>;
  notes: string[];
  busyProposal: BusyProposalRow[];
  manyRooms: ManyRoomsRow[];
  bigDocument: BigDocumentRow[];
  voteBurst: VoteBurstRow | null;
  reconnectStorm: ReconnectStormRow[];
  scaleOut: BusyProposalRow[];
  /** Workload 7 (absent in results from before it existed). */
  townHall?: TownHallRow[];
  durationSeconds: number;
}

const dash = "–";
const fmt = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? dash : Number(value.toFixed(digits)).toString();
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 || Number.isNaN(a) || Number.isNaN(b)
    ? null
    : a / b;
const lat = (summary: LatencySummary | null | undefined, key: keyof LatencySummary) => fmt(summary?.[key]);

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

export function heldEditors(rows: BusyProposalRow[], server: string): number {
  return Math.max(0, ...rows.filter((row) => row.server === server && row.holds).map((row) => row.editors));
}

/**
 * Mufakat's worst server event-loop delay in each workload that ran (W6: the worse of its processes; W7:
 * the editing and the voting windows), in workload order.
 */
export function workloadStalls(result: BenchResult): Array<{ workload: string; maxMs: number }> {
  const worst = (values: Array<number | null | undefined>) => {
    const known = values.filter((value): value is number => typeof value === "number" && !Number.isNaN(value));
    return known.length ? Math.max(...known) : null;
  };
  const mufakat = <T extends { server: string }>(rows: T[]) => rows.filter((row) => row.server === "mufakat");
  const entries: Array<[string, number | null]> = [
    ["W1", worst(mufakat(result.busyProposal).map((row) => row.server_?.eventLoop.maxMs))],
    ["W2", worst(mufakat(result.manyRooms).map((row) => row.server_?.eventLoop.maxMs))],
    ["W3", worst(mufakat(result.bigDocument).map((row) => row.eventLoopMaxMs))],
    ["W4", worst([result.voteBurst?.server_?.eventLoop.maxMs])],
    ["W5", worst(mufakat(result.reconnectStorm).map((row) => row.server_?.eventLoop.maxMs))],
    ["W6", worst(result.scaleOut.map((row) => row.server_?.eventLoop.maxMs))],
    [
      "W7",
      worst(
        mufakat(result.townHall ?? []).flatMap((row) => [
          row.editServer?.eventLoop.maxMs,
          row.voteServer?.eventLoop.maxMs,
        ]),
      ),
    ],
  ];
  return entries
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .map(([workload, maxMs]) => ({ workload, maxMs }));
}

export interface GoalCheck {
  goal: string;
  measured: string;
  met: boolean | null;
}

export function goalChecks(result: BenchResult): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const busy = result.busyProposal;
  const at = (server: string, editors: number) => busy.find((row) => row.server === server && row.editors === editors);
  const editorsList = [...new Set(busy.map((row) => row.editors))].sort((a, b) => a - b);
  const p99Ratios = editorsList.map((n) => ({
    n,
    r: ratio(at("mufakat", n)?.outcome?.latency.p99Ms, at("hocuspocus", n)?.outcome?.latency.p99Ms),
  }));
  if (p99Ratios.some((entry) => entry.r !== null)) {
    checks.push({
      goal: "W1 p99 ≤ 1.0× Hocuspocus at every N",
      measured: p99Ratios
        .map((entry) => `N=${entry.n}: ${entry.r === null ? dash : `${entry.r.toFixed(2)}×`}`)
        .join(", "),
      met: p99Ratios.every((entry) => entry.r !== null && entry.r <= 1),
    });
    const held = heldEditors(busy, "mufakat");
    const heldHocuspocus = heldEditors(busy, "hocuspocus");
    checks.push({
      goal: "W1 held N (p99 < 100 ms) ≥ Hocuspocus's",
      measured: `${held} vs ${heldHocuspocus}`,
      met: held >= heldHocuspocus,
    });
    const cpuRatios = editorsList.map((n) => ({
      n,
      r: ratio(at("mufakat", n)?.cpuMsPerEdit, at("hocuspocus", n)?.cpuMsPerEdit),
    }));
    checks.push({
      goal: "W1 server CPU per edit ≤ 1.0× Hocuspocus (Mufakat incl. FerretDB)",
      measured: cpuRatios
        .map((entry) => `N=${entry.n}: ${entry.r === null ? dash : `${entry.r.toFixed(2)}×`}`)
        .join(", "),
      met: cpuRatios.every((entry) => entry.r !== null && entry.r <= 1),
    });
  }
  const rooms = (server: string) => result.manyRooms.find((row) => row.server === server)?.rssPerConnectionKb;
  const rssRatio = ratio(rooms("mufakat"), rooms("hocuspocus"));
  if (rssRatio !== null) {
    checks.push({
      goal: "W2 RSS per connection ≤ 1.0× Hocuspocus",
      measured: `${fmt(rooms("mufakat"))} vs ${fmt(rooms("hocuspocus"))} KB (${rssRatio.toFixed(2)}×)`,
      met: rssRatio <= 1,
    });
  }
  if (result.voteBurst) {
    const vote = result.voteBurst;
    checks.push({
      goal: "W4 vote burst ack p99 ≤ 50 ms, exact tally",
      measured: `p99 ${fmt(vote.ack.p99Ms)} ms, tally ${vote.tallyExact ? "exact" : "wrong"}`,
      met: vote.ack.p99Ms <= 50 && vote.tallyExact,
    });
  }
  const big = result.bigDocument.find((row) => row.server === "mufakat");
  if (big) {
    checks.push({
      goal: "W3 full sync after compaction ≤ 50 ms (cold: loaded from storage)",
      measured: `cold ${fmt(big.coldSyncAfterCompactionMs?.p50Ms)} ms p50 / ${fmt(big.coldSyncAfterCompactionMs?.maxMs)} max; warm ${fmt(big.warmSyncAfterCompactionMs?.p50Ms)} ms`,
      met: (big.coldSyncAfterCompactionMs?.maxMs ?? Number.POSITIVE_INFINITY) <= 50,
    });
  }
  const town = (server: string) => (result.townHall ?? []).find((row) => row.server === server);
  const townMufakat = town("mufakat");
  const townRatio = ratio(townMufakat?.edit?.latency.p99Ms, town("hocuspocus")?.edit?.latency.p99Ms);
  if (townMufakat?.edit) {
    checks.push({
      goal: "W7 town hall edit p99 ≤ Hocuspocus's",
      measured: `${fmt(townMufakat.edit.latency.p99Ms)} vs ${fmt(town("hocuspocus")?.edit?.latency.p99Ms)} ms${townRatio === null ? "" : ` (${townRatio.toFixed(2)}×)`}`,
      met: townRatio === null ? null : townRatio <= 1,
    });
  }
  if (townMufakat?.vote) {
    const vote = townMufakat.vote;
    checks.push({
      goal: "W7 town hall vote ack p99 ≤ 200 ms, exact tally, nothing lost",
      measured: `p99 ${fmt(vote.ack.p99Ms)} ms, tally ${vote.tallyExact ? "exact" : "wrong"}, ${townMufakat.verified ? "nothing lost" : "**failed checks**"}`,
      met: vote.ack.p99Ms <= 200 && vote.tallyExact && townMufakat.verified,
    });
  }
  const stalls = workloadStalls(result);
  if (stalls.length)
    checks.push({
      goal: "No Mufakat event-loop stall > 100 ms in any workload",
      measured: `${stalls.map((stall) => `${stall.workload} ${fmt(stall.maxMs)}`).join(", ")} ms`,
      met: stalls.every((stall) => stall.maxMs <= 100),
    });
  const scale = result.scaleOut.filter((row) => row.outcome);
  if (scale.length) {
    const deltas = scale.map((row) => {
      const single = at("mufakat", row.editors)?.outcome?.latency;
      return {
        n: row.editors,
        p50: single ? (row.outcome?.latency.p50Ms ?? 0) - single.p50Ms : null,
        p99: single ? (row.outcome?.latency.p99Ms ?? 0) - single.p99Ms : null,
      };
    });
    checks.push({
      goal: "W6 Redis adapter adds ≤ 2 ms p50 and ≤ 10 ms p99",
      measured: deltas.map((d) => `N=${d.n}: +${fmt(d.p50)} / +${fmt(d.p99)} ms`).join(", "),
      met: deltas.every((d) => d.p50 !== null && d.p99 !== null && d.p50 <= 2 && d.p99 <= 10),
    });
  }
  return checks;
}

export function renderMarkdown(result: BenchResult): string {
  const parts: string[] = [];
  parts.push(
    `# Mufakat live-layer benchmark${result.quick ? " (quick)" : ""}, ${result.date.slice(0, 16).replace("T", " ")} UTC`,
  );
  parts.push(
    `Measured by \`pnpm bench${result.quick ? " --quick" : ""}\` (tests/bench/) in ${result.durationSeconds} s on ${result.machine.cpu}, ` +
      `${result.machine.cores} cores, ${result.machine.memoryGb} GB, Linux ${result.machine.kernel}, Node ${result.machine.node}; ` +
      `load average ${result.machine.loadAverageAtStart} at the start and ${result.machine.loadAverageAtEnd} at the end (the two cores are shared); ` +
      `${result.machine.pinning}. Versions: ${Object.entries(result.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(", ")}. Every server runs in a fresh child process per measurement; the same load generator drives ` +
      "all of them and only the transport differs (socket.io speaking Mufakat's protocol; y-protocols over a WebSocket " +
      "for Hocuspocus and y-websocket). Latency is from an edit's send to its receipt at every other client, matched by " +
      "Yjs id; every run is verified (each replica received every edit exactly once, a late joiner's full sync holds " +
      "all edits, sampled replicas rebuilt from what they received equal it): a run that diverges is marked failed.",
  );
  if (result.notes.length) parts.push(result.notes.map((note) => `- ${note}`).join("\n"));

  const checks = goalChecks(result);
  if (checks.length) {
    parts.push("### Goals");
    parts.push(
      table(
        ["Goal", "Measured", "Met"],
        checks.map((check) => [check.goal, check.measured, check.met === null ? dash : check.met ? "yes" : "**no**"]),
      ),
    );
  }

  if (result.busyProposal.length) {
    const p = result.parameters.busyProposal as { intervalMs: number; durationMs: number };
    parts.push(
      `### 1. One busy proposal: N editors, a character every ${p.intervalMs} ms each for ${p.durationMs / 1000} s`,
    );
    const servers = [...new Set(result.busyProposal.map((row) => row.server))];
    parts.push(
      `Largest N held with p99 < 100 ms (and verified): ${servers.map((server) => `${server} **${heldEditors(result.busyProposal, server) || "none"}**`).join(", ")}.`,
    );
    parts.push(busyTable(result.busyProposal));
    parts.push(
      "Ack: Mufakat relays an edit to the other editors once validated and acknowledges it once stored in the " +
        "database (one insert per batch of edits); Hocuspocus's SyncStatus once applied in memory " +
        "(its SQLite extension stores the whole document after a 2 s debounce); y-websocket has no acknowledgement. " +
        "CPU is the server side during the run: node process + FerretDB for Mufakat (node + in-process SQLite for " +
        "Hocuspocus). Loop max: the server's worst event-loop delay (monitorEventLoopDelay in each server process). " +
        "Gen loop p99: the load generator's own event-loop delay; when it is high, the generator (one core, socket.io-client " +
        "or ws decoding N×(N−1)×5 messages per second) is part of the measured latency.",
    );
  }
  if (result.manyRooms.length) {
    const p = result.parameters.manyRooms as {
      proposals: number;
      editorsPerProposal: number;
      durationMs: number;
      chatIntervalMs: number;
    };
    parts.push(
      `### 2. Many rooms: ${p.proposals} proposals × ${p.editorsPerProposal} editors, 1 edit/s each for ${p.durationMs / 1000} s; Mufakat also posts one chat message per room every ${p.chatIntervalMs / 1000} s`,
    );
    parts.push(
      table(
        [
          "Server",
          "Connections",
          "Edit p50 ms",
          "p99 ms",
          "Max ms",
          "RSS before → peak MB",
          "RSS / connection KB",
          "CPU s",
          "Loop max ms",
          "Chat ack p99 ms",
          "Verified",
        ],
        result.manyRooms.map((row) => [
          row.server,
          String(row.connections),
          lat(row.outcome?.latency, "p50Ms"),
          lat(row.outcome?.latency, "p99Ms"),
          lat(row.outcome?.latency, "maxMs"),
          `${fmt(row.rssBeforeMb)} → ${fmt(row.server_?.peakRssMb)}`,
          fmt(row.rssPerConnectionKb),
          fmt(row.server_?.cpuSeconds, 2),
          fmt(row.server_?.eventLoop.maxMs),
          row.chat ? `${lat(row.chat.ack, "p99Ms")} (${row.chat.acked}/${row.chat.sent})` : dash,
          row.error
            ? `error: ${row.error}`
            : row.outcome?.verified
              ? "yes"
              : `**no**: ${row.outcome?.failures.join("; ")}`,
        ]),
      ),
    );
    parts.push(
      "RSS per connection: (peak RSS during the run − RSS with the documents seeded, before any client connected) / connections.",
    );
  }
  if (result.bigDocument.length) {
    const first = result.bigDocument[0];
    const p = result.parameters.bigDocument as { operations: number; opsPerUpdate: number };
    parts.push(
      `### 3. Big document: ${first?.characters} characters from a synthetic trace of ${p.operations} operations (seeded), sent as ${first?.updates} updates of ${p.opsPerUpdate} operations; Yjs state ${first?.stateBytes} bytes`,
    );
    parts.push(
      table(
        [
          "Server",
          "Upload s",
          "Warm full sync ms (p50)",
          "Warm connect + sync ms",
          "Cold sync before compaction ms",
          "Cold sync after compaction ms",
          "Warm after compaction ms",
          "Stored bytes before → after",
          "Loop max ms",
          "Verified",
        ],
        result.bigDocument.map((row) => [
          row.server,
          fmt(row.uploadSeconds, 2),
          lat(row.warmSyncMs, "p50Ms"),
          lat(row.warmConnectAndSyncMs, "p50Ms"),
          row.coldSyncBeforeCompactionMs
            ? `${lat(row.coldSyncBeforeCompactionMs, "p50Ms")} (max ${lat(row.coldSyncBeforeCompactionMs, "maxMs")})`
            : dash,
          row.coldSyncAfterCompactionMs
            ? `${lat(row.coldSyncAfterCompactionMs, "p50Ms")} (max ${lat(row.coldSyncAfterCompactionMs, "maxMs")})`
            : dash,
          lat(row.warmSyncAfterCompactionMs, "p50Ms"),
          `${row.storedBytesBefore ?? dash} → ${row.storedBytesAfter ?? dash}`,
          fmt(row.eventLoopMaxMs),
          row.error ? `error: ${row.error}` : row.verified ? "yes" : `**no**: ${row.failures.join("; ")}`,
        ]),
      ),
    );
    parts.push(
      "Full sync: a new, connected client's sync, from sync step 1 sent to step 2 applied (connect + sync adds the " +
        "WebSocket connection and handshake; for Mufakat also the token check and room:join). Warm: the document is in the " +
        "server's memory (another client has it open). Cold: nobody has it open and the server has unloaded it, so the sync includes " +
        "loading it from storage (Mufakat: the update log, or the compacted snapshot; Hocuspocus: its one stored state, which is " +
        "always \"compacted\"; y-websocket keeps nothing). Stored bytes: Mufakat's log + snapshot; Hocuspocus's stored state.",
    );
  }
  if (result.voteBurst) {
    const vote = result.voteBurst;
    parts.push(
      `### 4. Vote burst (Mufakat): ${vote.members} members of one room vote within 1 s, each vote resent 0–3 times`,
    );
    parts.push(
      table(
        [
          "Members",
          "Sends",
          "First-send ack p50 ms",
          "p99 ms",
          "Max ms",
          "All acks p99 ms",
          "Votes/s",
          "Tally",
          "Stored votes (voters)",
          "Refusals",
          "CPU s",
          "Loop max ms",
          "Verified",
        ],
        [
          [
            String(vote.members),
            String(vote.sends),
            lat(vote.ack, "p50Ms"),
            lat(vote.ack, "p99Ms"),
            lat(vote.ack, "maxMs"),
            lat(vote.allAck, "p99Ms"),
            String(vote.votesPerSecond),
            vote.tallyExact ? "exact" : "**wrong**",
            `${vote.storedVotes} (${vote.distinctVoters})`,
            JSON.stringify(vote.refusals),
            fmt(vote.server_?.cpuSeconds, 2),
            fmt(vote.server_?.eventLoop.maxMs),
            vote.error ? `error: ${vote.error}` : vote.verified ? "yes" : `**no**: ${vote.failures.join("; ")}`,
          ],
        ],
      ),
    );
    parts.push(
      `Members: ${vote.userCreation}. A resend that arrives while the last vote is closing the motion is refused with ` +
        "MOTION_CLOSED (it cannot know it was counted); every member's vote was acknowledged at least once.",
    );
  }
  if (result.reconnectStorm.length) {
    const p = result.parameters.reconnectStorm as { clients: number; clientsPerDocument: number };
    parts.push(
      `### 5. Reconnect storm: ${p.clients} clients (${p.clientsPerDocument} per document) drop and reconnect within 1 s`,
    );
    parts.push(
      table(
        [
          "Server",
          "Clients",
          "All re-synced after ms",
          "Per client p50 ms",
          "p99 ms",
          "Max ms",
          "CPU s",
          "Loop max ms",
          "Verified",
        ],
        result.reconnectStorm.map((row) => [
          row.server,
          String(row.clients),
          fmt(row.allResyncedMs),
          lat(row.perClient, "p50Ms"),
          lat(row.perClient, "p99Ms"),
          lat(row.perClient, "maxMs"),
          fmt(row.server_?.cpuSeconds, 2),
          fmt(row.server_?.eventLoop.maxMs),
          row.error ? `error: ${row.error}` : row.verified ? "yes" : `**no**: ${row.failures.slice(0, 2).join("; ")}`,
        ]),
      ),
    );
    parts.push(
      "Per client: from its new connection to its document re-synced (Mufakat: handshake with token, room:join, proposal:open).",
    );
  }
  if (result.scaleOut.length) {
    parts.push(
      "### 6. Scale-out: workload 1 over two Mufakat processes with the Redis adapter (editors alternate between them)",
    );
    const single = result.busyProposal.filter((row) => row.server === "mufakat");
    parts.push(busyTable([...single, ...result.scaleOut].sort((a, b) => a.editors - b.editors)));
  }
  const town = result.townHall ?? [];
  if (town.length) {
    const p = result.parameters.townHall as TownHallParamsLike;
    parts.push(
      `### 7. Town hall: ${p.members} members in one room; ${p.editors} edit one proposal (a character every ${p.intervalMs} ms each for ${p.durationMs / 1000} s) ` +
        `while ${p.members - p.editors} watch it, ${p.chatPerSecond} chat messages/s; then all ${p.members} vote within ${p.voteWindowMs / 1000} s`,
    );
    const hocuspocusP99 = town.find((row) => row.server === "hocuspocus")?.edit?.latency.p99Ms;
    parts.push(
      table(
        [
          "Server",
          "Editors + viewers",
          "Edit p50 ms",
          "p99 ms",
          "Max ms",
          "p99 vs Hocuspocus",
          "Edit ack p99 ms",
          "Chat ack p99 ms (acked/sent)",
          "Vote ack p50 ms",
          "Vote ack p99 ms",
          "Votes/s",
          "Tally",
          "Lost",
          "CPU s (edit)",
          "Loop max ms (edit / vote)",
          "Verified",
        ],
        town.map((row) => {
          const r = ratio(row.edit?.latency.p99Ms, hocuspocusP99);
          return [
            row.server,
            `${row.editors} + ${row.viewers}`,
            lat(row.edit?.latency, "p50Ms"),
            lat(row.edit?.latency, "p99Ms"),
            lat(row.edit?.latency, "maxMs"),
            r === null ? dash : `${r.toFixed(2)}×`,
            lat(row.edit?.ack, "p99Ms"),
            row.chat ? `${lat(row.chat.ack, "p99Ms")} (${row.chat.acked}/${row.chat.sent})` : dash,
            lat(row.vote?.ack, "p50Ms"),
            lat(row.vote?.ack, "p99Ms"),
            row.vote ? String(row.vote.votesPerSecond) : dash,
            row.vote ? (row.vote.tallyExact ? "exact" : "**wrong**") : dash,
            lostSummary(row),
            fmt(row.editServer?.cpuSeconds, 2),
            `${fmt(row.editServer?.eventLoop.maxMs)} / ${fmt(row.voteServer?.eventLoop.maxMs)}`,
            row.error ? `error: ${row.error}` : row.verified ? "yes" : `**no**: ${row.failures.slice(0, 3).join("; ")}`,
          ];
        }),
      ),
    );
    parts.push(
      "Edit latency: from an edit's send to its receipt at every other client, editors and viewers. Chat: members " +
        "post in turn; every acknowledged message must be stored and reach every member. Votes: every member votes " +
        "once, on the connection it edited or watched with, some sends resent with the same clientVoteId; the tally " +
        "(over HTTP) and the stored votes must match what was cast. Lost: edits not delivered or not held by a late " +
        "joiner, acknowledged chat messages not stored or not delivered, votes not stored. Hocuspocus runs the " +
        "editing part only (it has no chat or votes).",
    );
  }
  return `${parts.join("\n\n")}\n`;
}

interface TownHallParamsLike {
  members: number;
  editors: number;
  intervalMs: number;
  durationMs: number;
  chatPerSecond: number;
  voteWindowMs: number;
}

/** What a town-hall run lost: edit deliveries missing, chat messages not stored or not delivered, votes not stored. */
export function lostSummary(row: TownHallRow): string {
  if (!row.edit) return dash;
  const parts: string[] = [];
  const edits = row.edit.expectedDeliveries - row.edit.deliveries;
  parts.push(`${edits} edit deliveries`);
  if (row.chat) {
    parts.push(
      `${Math.max(0, row.chat.acked - row.chat.stored)} chat stored, ${row.chat.missedDeliveries} chat deliveries`,
    );
  }
  if (row.vote) parts.push(`${Math.max(0, row.members - row.vote.storedVotes)} votes`);
  return parts.join(", ");
}

function busyTable(rows: BusyProposalRow[]): string {
  return table(
    [
      "N",
      "Server",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "Max ms",
      "Ack p99 ms",
      "CPU s (node + db)",
      "CPU ms / edit",
      "Peak RSS MB",
      "Loop max ms",
      "Gen loop p99 ms",
      "Verified",
      "Holds",
    ],
    rows.map((row) => [
      String(row.editors),
      row.server,
      lat(row.outcome?.latency, "p50Ms"),
      lat(row.outcome?.latency, "p95Ms"),
      lat(row.outcome?.latency, "p99Ms"),
      lat(row.outcome?.latency, "maxMs"),
      lat(row.outcome?.ack, "p99Ms"),
      row.server_
        ? `${fmt(row.server_.cpuSeconds, 2)} (${fmt(row.server_.nodeCpuSeconds, 2)} + ${fmt(row.server_.databaseCpuSeconds, 2)})`
        : dash,
      fmt(row.cpuMsPerEdit, 3),
      fmt(row.server_?.peakRssMb),
      fmt(row.server_?.eventLoop.maxMs),
      fmt(row.outcome?.generatorEventLoop.p99Ms),
      row.error ? row.error : row.outcome?.verified ? "yes" : `**no**: ${row.outcome?.failures.join("; ")}`,
      row.holds ? "yes" : "no",
    ]),
  );
}
