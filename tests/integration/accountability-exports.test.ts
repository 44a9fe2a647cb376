// Exports and the printable report: decisions, commitments and pledges as CSV (parsed back with an
// independent RFC 4180 reader; formula-like cells neutralised with a leading quote), the JSON export that
// round-trips through the shared schema, the report's weekly buckets and totals, and refusals that keep
// the JSON error shape for participants, outsiders, unknown rooms and anonymous callers.
import { roomExportSchema, roomReportSchema } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { csvRecords, decide, parseCsv } from "../utils/accountability.ts";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { roomOfSectors } from "../utils/deliberation.ts";
import { serverForSuite } from "../utils/server.ts";

const start = Date.parse("2026-09-07T04:00:00.000Z");
const clock = testClock(start);
const minute = 60_000;
const day = 24 * 60 * minute;
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });

async function download(token: string | null, path: string) {
  const response = await fetch(`${server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("exports of a room", () => {
  it("writes decisions, commitments and pledges as formula-safe CSV and the whole room as JSON", async () => {
    const room = await roomOfSectors(server, 1);
    const { roomId, coordinator } = room;
    const token = coordinator.client.accessToken!;
    const privateMember = room.members.find((m) => m.sector === "private")!;
    const community = room.members.find((m) => m.sector === "community")!;

    await decide(server, room, { title: '=HYPERLINK("x")' });
    clock.advance(minute);
    await decide(server, room, { title: 'Tarif, air "baru"', position: "object" });
    clock.advance(minute);
    expect(
      (await coordinator.client.post(`/api/rooms/${roomId}/decisions/2/corrections`, { note: "-koreksi: salah ketik" }))
        .status,
    ).toBe(201);
    const commitment = await coordinator.client.post(`/api/rooms/${roomId}/commitments`, {
      decisionSeq: 1,
      what: "@warga: kerja bakti\nSabtu pagi",
      ownerUserId: community.id,
      ownerOrganisation: "Forum Warga",
      dueDate: "2026-09-10T17:00:00+07:00",
    });
    expect(commitment.status).toBe(201);
    clock.advance(minute);
    const funds = await privateMember.client.post(`/api/rooms/${roomId}/pledges`, {
      decisionSeq: 1,
      kind: "funds",
      quantity: 1_500_000.25,
      unit: "IDR",
      note: "+ biaya pipa",
    });
    clock.advance(minute);
    const hours = await community.client.post(`/api/rooms/${roomId}/pledges`, {
      kind: "peopleTime",
      quantity: 8,
      unit: "jam",
    });
    const fileDate = "2026-09-07";

    // Decisions.
    const decisions = await download(token, `/api/rooms/${roomId}/exports/decisions.csv`);
    expect(decisions.status).toBe(200);
    expect(decisions.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(decisions.headers.get("content-disposition")).toBe(
      `attachment; filename="mufakat-decisions-${roomId}-${fileDate}.csv"`,
    );
    expect(decisions.text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(decisions.text.endsWith("\r\n")).toBe(true);
    const log = (await coordinator.client.get(`/api/rooms/${roomId}/decisions`)).body as Array<{ hash: string }>;
    const [header] = parseCsv(decisions.text);
    expect(header).toEqual([
      "seq",
      "at",
      "kind",
      "corrects",
      "proposalTitle",
      "outcome",
      "reasonCode",
      "votersCount",
      "support",
      "supportWithReservations",
      "standAside",
      "object",
      "block",
      "sectorsRepresented",
      "frozenTextHash",
      "note",
      "prevHash",
      "hash",
    ]);
    const decisionRows = csvRecords(decisions.text);
    expect(decisionRows).toHaveLength(3);
    expect(decisionRows[0]).toMatchObject({
      seq: "1",
      at: new Date(start).toISOString(),
      kind: "decision",
      corrects: "",
      proposalTitle: `'=HYPERLINK("x")`,
      outcome: "adopted",
      reasonCode: "sectorConsensus",
      votersCount: "5",
      support: "5",
      object: "0",
      sectorsRepresented: "government private community academia media",
      note: "",
      prevHash: "0".repeat(64),
      hash: log[2]!.hash,
    });
    expect(decisionRows[1]).toMatchObject({
      seq: "2",
      proposalTitle: 'Tarif, air "baru"',
      outcome: "notAdopted",
      support: "0",
      object: "5",
      hash: log[1]!.hash,
    });
    expect(decisionRows[2]).toMatchObject({
      seq: "3",
      kind: "correction",
      corrects: "2",
      proposalTitle: "",
      outcome: "",
      note: "'-koreksi: salah ketik",
      hash: log[0]!.hash,
    });

    // Commitments.
    const commitments = await download(token, `/api/rooms/${roomId}/exports/commitments.csv`);
    expect(commitments.headers.get("content-disposition")).toBe(
      `attachment; filename="mufakat-commitments-${roomId}-${fileDate}.csv"`,
    );
    expect(csvRecords(commitments.text)).toEqual([
      {
        id: commitment.body.id,
        decisionSeq: "1",
        decisionTitle: `'=HYPERLINK("x")`,
        what: "'@warga: kerja bakti\nSabtu pagi",
        owner: commitment.body.owner.displayName,
        ownerOrganisation: "Forum Warga",
        sector: "community",
        dueDate: "2026-09-10T10:00:00.000Z",
        status: "planned",
        percentComplete: "0",
        overdue: "false",
        progressNotes: "0",
        createdAt: new Date(start + 2 * minute).toISOString(),
      },
    ]);

    // Pledges, newest first.
    const pledges = await download(token, `/api/rooms/${roomId}/exports/pledges.csv`);
    expect(pledges.headers.get("content-disposition")).toBe(
      `attachment; filename="mufakat-pledges-${roomId}-${fileDate}.csv"`,
    );
    expect(csvRecords(pledges.text)).toEqual([
      {
        id: hours.body.id,
        decisionSeq: "",
        kind: "peopleTime",
        quantity: "8",
        unit: "jam",
        organisation: "community org 0",
        sector: "community",
        status: "pledged",
        pledgedBy: hours.body.pledgedBy.displayName,
        note: "",
        createdAt: new Date(start + 4 * minute).toISOString(),
      },
      {
        id: funds.body.id,
        decisionSeq: "1",
        kind: "funds",
        quantity: "1500000.25",
        unit: "IDR",
        organisation: "private org 0",
        sector: "private",
        status: "pledged",
        pledgedBy: funds.body.pledgedBy.displayName,
        note: "'+ biaya pipa",
        createdAt: new Date(start + 3 * minute).toISOString(),
      },
    ]);

    // The whole room as JSON: an attachment that parses with the shared schema and matches the live API.
    const exported = await download(token, `/api/rooms/${roomId}/exports/room.json`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^application\/json/);
    expect(exported.headers.get("content-disposition")).toBe(
      `attachment; filename="mufakat-room-${roomId}-${fileDate}.json"`,
    );
    const document = JSON.parse(exported.text);
    const parsed = roomExportSchema.parse(document);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(document);
    expect(document).toMatchObject({
      format: "mufakat.room.v1",
      exportedAt: clock.now().toISOString(),
      room: { id: roomId, title: "Air bersih" },
      chain: { valid: true, checked: 3, problem: null, headHash: log[0]!.hash },
    });
    expect(document.decisions).toEqual([...log].reverse());
    expect(document.commitments).toEqual((await coordinator.client.get(`/api/rooms/${roomId}/commitments`)).body);
    expect(document.pledges).toEqual((await coordinator.client.get(`/api/rooms/${roomId}/resources`)).body.pledges);
    expect(document.decisions[0].payload.proposalTitle).toBe('=HYPERLINK("x")');
  });

  it("refuses participants, outsiders, unknown rooms and anonymous callers with the JSON error shape", async () => {
    const room = await roomOfSectors(server, 1);
    const participant = room.members.find((m) => m.sector === "private")!;
    const outsider = await registeredClient(server.url, "media");
    const paths = [
      "exports/decisions.csv",
      "exports/commitments.csv",
      "exports/pledges.csv",
      "exports/room.json",
      "report",
    ];
    for (const path of paths) {
      for (const [token, roomId, status, code] of [
        [participant.client.accessToken, room.roomId, 403, "NOT_A_COORDINATOR"],
        [outsider.client.accessToken, room.roomId, 403, "NOT_A_MEMBER"],
        [room.coordinator.client.accessToken, "0123456789abcdef01234567", 404, "ROOM_NOT_FOUND"],
        [null, room.roomId, 401, "UNAUTHENTICATED"],
      ] as const) {
        const response = await download(token, `/api/rooms/${roomId}/${path}`);
        expect(response.status, `${path} ${code}`).toBe(status);
        expect(response.headers.get("content-type"), path).toMatch(/^application\/json/);
        expect(response.headers.get("content-disposition"), path).toBeNull();
        expect(JSON.parse(response.text).error.code, path).toBe(code);
      }
    }
  });
});

describe("the printable room report", () => {
  it("gathers participation per week, tallies, resource totals and commitments by status", async () => {
    clock.advance(day);
    const reportStart = clock.now().getTime();
    const room = await roomOfSectors(server, 1);
    const { roomId, coordinator } = room;
    const community = room.members.find((m) => m.sector === "community")!;
    const decision = await decide(server, room, { title: "Jadwal pompa" });
    await decide(server, room, { title: "Tutup kran", position: "block" });
    for (const [what, status] of [
      ["Jadwal dicetak", "done"],
      ["Pompa diperbaiki", "inProgress"],
      ["Kran umum", "planned"],
    ] as const) {
      const created = await coordinator.client.post(`/api/rooms/${roomId}/commitments`, {
        decisionSeq: decision.seq,
        what,
        ownerOrganisation: "Dinas PU",
        dueDate: new Date(reportStart + 10 * minute).toISOString(),
        status,
      });
      expect(created.status).toBe(201);
    }
    expect(
      (await community.client.post(`/api/rooms/${roomId}/pledges`, { kind: "peopleTime", quantity: 6, unit: "jam" }))
        .status,
    ).toBe(201);
    clock.advance(11 * minute);

    const from = new Date(reportStart - 14 * day).toISOString();
    const to = new Date(reportStart + 12 * minute).toISOString();
    const report = await coordinator.client.get(`/api/rooms/${roomId}/report?from=${from}&to=${to}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const body = roomReportSchema.parse(report.body);
    expect(body.generatedAt).toBe(clock.now().toISOString());
    expect(body.room).toMatchObject({ id: roomId, myRole: "coordinator" });
    expect(body.participationByWeek.map((w) => [w.from, w.to])).toEqual([
      [from, new Date(reportStart - 7 * day).toISOString()],
      [new Date(reportStart - 7 * day).toISOString(), new Date(reportStart).toISOString()],
      [new Date(reportStart).toISOString(), to],
    ]);
    expect(
      body.participationByWeek.slice(0, 2).every((w) => Object.values(w.perSector).every((s) => s.total === 0)),
    ).toBe(true);
    // The last week: 2 votes per member (one each motion), 3 government commitments and the 2 motions
    // its coordinator opened, 1 community pledge. Proposal edits are seeded with the wall clock's date,
    // outside this period.
    const lastWeek = body.participationByWeek[2]!.perSector;
    expect(
      Object.fromEntries(
        Object.entries(lastWeek).map(([s, c]) => [s, [c.votes, c.commitments, c.pledges, c.motionsOpened, c.total]]),
      ),
    ).toEqual({
      government: [2, 3, 0, 2, 7],
      private: [2, 0, 0, 0, 2],
      community: [2, 0, 1, 0, 3],
      academia: [2, 0, 0, 0, 2],
      media: [2, 0, 0, 0, 2],
    });
    expect(body.decisions.map((d) => [d.seq, d.proposalTitle, d.outcome, d.tally.votersCount])).toEqual([
      [1, "Jadwal pompa", "adopted", 5],
      [2, "Tutup kran", "blocked", 5],
    ]);
    expect(body.resources.byKind).toEqual([
      { kind: "peopleTime", unit: "jam", pledged: 6, delivered: 0, total: 6, pledges: 1 },
    ]);
    expect(body.commitmentsByStatus).toEqual({ planned: 1, inProgress: 1, done: 1, dropped: 0 });
    expect(body.overdueCommitments).toBe(2);
    // 16 acts by 5 members: each sector would make 3.2 in proportion, flagged below ⌈1.6⌉ = 2. Every
    // sector voted twice, so none is quiet (the old per-kind floor flagged private, academia and media).
    expect([body.participation.roomActs, body.participation.judged]).toEqual([16, true]);
    expect(body.participation.sectors.map((s) => [s.sector, s.total, s.flaggedBelow, s.quiet])).toEqual([
      ["government", 7, 2, false],
      ["private", 2, 2, false],
      ["community", 3, 2, false],
      ["academia", 2, 2, false],
      ["media", 2, 2, false],
    ]);
    expect(body.participation.warnings).toEqual([]);
    expect(body.chain).toMatchObject({ valid: true, checked: 2 });
  });
});
