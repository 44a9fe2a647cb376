// Polls over HTTP and sockets: ranked (Schulze and instant-runoff), score, dot and time polls in a room of
// five sectors. Every ballot counts once however often it is sent, the result is exact per sector, the close
// is recorded in the hash-chained decision log, and bad input is refused with its code and stores nothing.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import type { PollClosedEvent, PollResultEvent } from "@mufakat/shared";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { roomOfSectors } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import { connect, request, socketsClosedAfterAll } from "../utils/socket.ts";

const clock = testClock();
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });
const sockets = socketsClosedAfterAll();

const storedBallots = (pollId: string) =>
  server.app.ctx.models.PollBallot.find({ pollId: new Types.ObjectId(pollId) }).lean();

describe("a ranked poll", () => {
  it("counts 10 voters of 5 sectors once each (every ballot sent twice), by Schulze, and records the close", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    expect(members).toHaveLength(10);
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, {
      kind: "ranked",
      title: "Lokasi pasar baru",
      options: ["Pelabuhan", "Terminal", "Lapangan"],
      durationMinutes: 60,
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      kind: "ranked",
      title: "Lokasi pasar baru",
      method: "schulze",
      options: [
        { id: "o1", label: "Pelabuhan" },
        { id: "o2", label: "Terminal" },
        { id: "o3", label: "Lapangan" },
      ],
      status: "open",
      secretBallot: false,
      quorum: { minVoters: 3, minSectors: 3 },
      result: { outcome: "noQuorum", leading: [], votersCount: 0, eligibleCount: 10 },
      abilities: { vote: true, close: true },
    });
    const pollId: string = opened.body.id;

    // Four rank o1 > o2 > o3, three o2 > o3 > o1, three o3 > o2 > o1. First preferences 4, 3, 3: no
    // majority. Pairwise o2 beats o1 6–4 and o3 7–3: o2 is the Condorcet winner, so Schulze elects it;
    // instant-runoff drops o3 (level with o2, the later id) and then elects o2 with 6 of 10.
    const ranksOf = (index: number) =>
      index < 4 ? { o1: 1, o2: 2, o3: 3 } : index < 7 ? { o2: 1, o3: 2, o1: 3 } : { o3: 1, o2: 2, o1: 3 };
    const sends = members.flatMap((member, index) => {
      const body = { answer: { ranks: ranksOf(index) }, clientVoteId: randomUUID() };
      return [
        member.client.post(`/api/polls/${pollId}/ballots`, body),
        member.client.post(`/api/polls/${pollId}/ballots`, body),
      ];
    });
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.filter((a) => a.body.replayed === false)).toHaveLength(10);
    expect(await storedBallots(pollId)).toHaveLength(10);

    // Everyone answered, so the poll closed by itself.
    const closed = await eventually(async () => {
      const read = await coordinator.client.get(`/api/polls/${pollId}`);
      expect(read.body.status).toBe("closed");
      return read.body;
    });
    expect(closed.result).toMatchObject({
      outcome: "decided",
      leading: ["o2"],
      quorumMet: true,
      votersCount: 10,
      sectorsRepresented: ["government", "private", "community", "academia", "media"],
    });
    expect(closed.result.count.schulze.pairwise).toEqual([
      { option: "o1", over: [0, 4, 4] },
      { option: "o2", over: [6, 0, 7] },
      { option: "o3", over: [6, 3, 0] },
    ]);
    expect(closed.result.count.instantRunoff.winner).toBe("o2");
    expect(closed.ballots).toHaveLength(10);
    expect(closed.ballots[0]).toMatchObject({ sector: expect.any(String), answer: { ranks: expect.any(Object) } });

    const log = await coordinator.client.get(`/api/rooms/${roomId}/decisions`);
    const record = log.body.find((r: { payload: { type: string } }) => r.payload.type === "pollDecided");
    expect(record).toMatchObject({
      kind: "decision",
      dedupeKey: `poll:${pollId}`,
      payload: {
        pollId,
        kind: "ranked",
        outcome: "decided",
        leading: ["o2"],
        closeReason: "allVoted",
        earlyClose: false,
        secretBallot: false,
      },
    });
    expect(record.payload.answers).toHaveLength(10);
    expect(closed.decisionSeq).toBe(record.seq);
    const verified = await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(verified.body).toMatchObject({ valid: true });

    const late = await members[1]!.client.post(`/api/polls/${pollId}/ballots`, {
      answer: { ranks: { o1: 1 } },
      clientVoteId: randomUUID(),
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("POLL_CLOSED");
  });
});

describe("score and dot polls", () => {
  it("counts the latest answer of each voter and leads by the sectors' mean (equal weighting)", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, {
      kind: "score",
      title: "Prioritas anggaran",
      options: ["Air", "Jalan"],
      maxScore: 5,
    });
    expect(opened.status).toBe(201);
    expect(opened.body.maxScore).toBe(5);
    const pollId: string = opened.body.id;
    const government = members.filter((m) => m.sector === "government");
    const community = members.filter((m) => m.sector === "community");
    // Government first scores Jalan high, then changes its mind; only the latest answer counts.
    for (const member of government) {
      const first = await member.client.post(`/api/polls/${pollId}/ballots`, {
        answer: { scores: { o1: 0, o2: 5 } },
        clientVoteId: randomUUID(),
      });
      expect(first.status).toBe(200);
      const second = await member.client.post(`/api/polls/${pollId}/ballots`, {
        answer: { scores: { o1: 5, o2: 1 } },
        clientVoteId: randomUUID(),
      });
      expect(second.status).toBe(200);
    }
    for (const member of community) {
      const sent = await member.client.post(`/api/polls/${pollId}/ballots`, {
        answer: { scores: { o1: 0, o2: 5 } },
        clientVoteId: randomUUID(),
      });
      expect(sent.status).toBe(200);
    }
    const private1 = members.find((m) => m.sector === "private")!;
    const last = await private1.client.post(`/api/polls/${pollId}/ballots`, {
      answer: { scores: { o1: 3, o2: 3 } },
      clientVoteId: randomUUID(),
    });
    expect(last.status).toBe(200);
    // Sector means: o1 government 5, community 0, private 3 → 8/3; o2 1, 5, 3 → 3. o2 leads.
    expect(last.body.result).toMatchObject({ outcome: "decided", leading: ["o2"], votersCount: 5 });
    expect(last.body.result.count.perSector.government.options).toEqual([
      { option: "o1", voters: 2, sum: 10, mean: 5, median: 5, histogram: [0, 0, 0, 0, 0, 2] },
      { option: "o2", voters: 2, sum: 2, mean: 1, median: 1, histogram: [0, 2, 0, 0, 0, 0] },
    ]);
    expect(await storedBallots(pollId)).toHaveLength(7);
    const mine = await government[0]!.client.get(`/api/polls/${pollId}`);
    expect(mine.body.myAnswer).toEqual({ scores: { o1: 5, o2: 1 } });
  });

  it("refuses answers that do not fit the poll, naming the field, and stores nothing", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, {
      kind: "dot",
      title: "Program prioritas",
      options: ["Posyandu", "Sanitasi", "Perpustakaan"],
      dots: 5,
    });
    expect(opened.status).toBe(201);
    const pollId: string = opened.body.id;
    const voter = members[1]!;
    const cases: Array<[unknown, number, string, string | undefined]> = [
      [{ dots: { o1: 4, o2: 2 } }, 400, "answer.dots", "tooManyDots"],
      [{ dots: { o9: 1 } }, 400, "answer.dots.o9", "unknownOption"],
      [{ ranks: { o1: 1 } }, 400, "answer.dots", "invalidAnswer"],
      [{ dots: { o1: -1 } }, 400, "answer.dots.o1", undefined],
      [{ dots: { o1: 1.5 } }, 400, "answer.dots.o1", undefined],
    ];
    for (const [answer, status, path, rule] of cases) {
      const sent = await voter.client.post(`/api/polls/${pollId}/ballots`, { answer, clientVoteId: randomUUID() });
      expect(sent.status, JSON.stringify(answer)).toBe(status);
      expect(sent.body.error.code).toBe("VALIDATION_FAILED");
      const issue = sent.body.error.details.find((d: { path: string }) => d.path.startsWith(path));
      expect(issue, JSON.stringify(sent.body.error.details)).toBeDefined();
      if (rule) expect(issue.rule).toBe(rule);
    }
    expect(await storedBallots(pollId)).toHaveLength(0);

    const outsider = await registeredClient(server.url, "media");
    const notMember = await outsider.client.post(`/api/polls/${pollId}/ballots`, {
      answer: { dots: { o1: 1 } },
      clientVoteId: randomUUID(),
    });
    expect(notMember.status).toBe(403);
    expect(notMember.body.error.code).toBe("NOT_A_MEMBER");
    // Joined after the poll opened: a member, but not eligible.
    expect((await outsider.client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
    const late = await outsider.client.post(`/api/polls/${pollId}/ballots`, {
      answer: { dots: { o1: 1 } },
      clientVoteId: randomUUID(),
    });
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe("NOT_ELIGIBLE");
    expect(await storedBallots(pollId)).toHaveLength(0);

    const unknown = await voter.client.get(`/api/polls/${new Types.ObjectId().toHexString()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("POLL_NOT_FOUND");
    expect((await voter.client.get("/api/polls/not-an-id")).body.error.code).toBe("POLL_NOT_FOUND");
  });

  it("refuses a malformed poll and a poll opened by a participant, and stores no poll", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const before = await server.app.ctx.models.Poll.countDocuments({ roomId: new Types.ObjectId(roomId) });
    const bad: Array<[unknown, string]> = [
      [{ kind: "ranked", title: "X", options: ["Satu"] }, "options"],
      [{ kind: "ranked", title: "X", options: ["Satu", "satu"] }, "options"],
      [{ kind: "score", title: "X", options: ["A", "B"], maxScore: 101 }, "maxScore"],
      [{ kind: "dot", title: "X", options: ["A", "B"], dots: 0 }, "dots"],
      [{ kind: "time", title: "X", options: ["2027-01-05T09:00:00+08:00", "besok pagi"] }, "options.1"],
      [{ kind: "time", title: "X", options: ["2027-01-05T09:00:00+08:00", "2027-01-05T01:00:00Z"] }, "options"],
      [{ kind: "vote", title: "X", options: ["A", "B"] }, "kind"],
      [{ kind: "ranked", title: "  ", options: ["A", "B"] }, "title"],
    ];
    for (const [body, path] of bad) {
      const sent = await coordinator.client.post(`/api/rooms/${roomId}/polls`, body);
      expect(sent.status, JSON.stringify(body)).toBe(400);
      expect(sent.body.error.code).toBe("VALIDATION_FAILED");
      expect(sent.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const participant = await members[1]!.client.post(`/api/rooms/${roomId}/polls`, {
      kind: "ranked",
      title: "Lokasi",
      options: ["A", "B"],
    });
    expect(participant.status).toBe(403);
    expect(participant.body.error.code).toBe("NOT_A_COORDINATOR");
    expect(await server.app.ctx.models.Poll.countDocuments({ roomId: new Types.ObjectId(roomId) })).toBe(before);
  });
});

describe("a time poll over sockets", () => {
  it("acks ballots once stored, tells the room each result, and records a coordinator's early close", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const clients = await Promise.all(members.map((member) => connect(server, member.accessToken)));
    sockets.push(...clients);
    for (const client of clients) expect((await request(client, "room:join", { roomId })).ok).toBe(true);
    const watcher = clients[0]!;
    const results: PollResultEvent[] = [];
    const closings: PollClosedEvent[] = [];
    const openings: string[] = [];
    watcher.on("poll:result", (event) => results.push(event));
    watcher.on("poll:closed", (event) => closings.push(event));
    watcher.on("poll:opened", (event) => openings.push(event.pollId));

    const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, {
      kind: "time",
      title: "Rapat berikutnya",
      options: ["2027-01-05T09:00:00+08:00", "2027-01-06T14:00:00+08:00"],
    });
    expect(opened.status).toBe(201);
    const pollId: string = opened.body.id;
    await eventually(() => expect(openings).toEqual([pollId]));

    // government yes/no, private ifNeedBe/yes, community yes/–, academia no/yes. Media does not answer.
    const answers = [
      { o1: "yes", o2: "no" },
      { o1: "ifNeedBe", o2: "yes" },
      { o1: "yes" },
      { o1: "no", o2: "yes" },
    ] as const;
    const acks = await Promise.all(
      answers.map((answer, index) =>
        request(clients[index]!, "poll:ballot", { pollId, answer: { answers: answer }, clientVoteId: randomUUID() }),
      ),
    );
    expect(acks.map((ack) => ack.ok)).toEqual([true, true, true, true]);
    expect(await storedBallots(pollId)).toHaveLength(4);
    await eventually(() => expect(results.at(-1)?.result.votersCount).toBe(4));
    const final = results.at(-1)!.result;
    expect(final.count.kind).toBe("time");
    if (final.count.kind !== "time") return;
    // o1: 2 yes + 1 if need be = 3 can come; o2: 2 yes = 2. o1 is best.
    expect(final.count.overall.slots).toEqual([
      { slot: "o1", yes: 2, ifNeedBe: 1, no: 1, unanswered: 0 },
      { slot: "o2", yes: 2, ifNeedBe: 0, no: 1, unanswered: 1 },
    ]);
    expect(final.leading).toEqual(["o1"]);
    // Nobody's identity is in the event.
    expect(JSON.stringify(results)).not.toContain(members[1]!.id);

    const refusedClose = await members[1]!.client.post(`/api/polls/${pollId}/close`);
    expect(refusedClose.status).toBe(403);
    expect(refusedClose.body.error.code).toBe("NOT_A_COORDINATOR");
    const closed = await coordinator.client.post(`/api/polls/${pollId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", result: { leading: ["o1"], votersCount: 4 } });
    await eventually(() =>
      expect(closings).toEqual([
        { pollId, roomId, outcome: "decided", leading: ["o1"], decisionSeq: closed.body.decisionSeq },
      ]),
    );
    const again = await coordinator.client.post(`/api/polls/${pollId}/close`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("POLL_CLOSED");

    const audit = await coordinator.client.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(["poll.opened", "poll.closed"]),
    );
    const log = await coordinator.client.get(`/api/rooms/${roomId}/decisions`);
    expect(log.body[0].payload).toMatchObject({ type: "pollDecided", closeReason: "coordinator", earlyClose: true });

    const late = await request(clients[4]!, "poll:ballot", {
      pollId,
      answer: { answers: { o1: "yes" } },
      clientVoteId: randomUUID(),
    });
    expect(late).toMatchObject({ ok: false, error: { code: "POLL_CLOSED" } });
  });
});

describe("secret polls and deadlines", () => {
  it("keeps who answered what out of the view and the record, and closes at the deadline", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const secret = await coordinator.client.patch(`/api/rooms/${roomId}/decision-settings`, { secretBallots: true });
    expect(secret.status).toBe(200);
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, {
      kind: "ranked",
      method: "instantRunoff",
      title: "Nama program",
      options: ["Makassar Bersih", "Kota Air"],
      durationMinutes: 10,
    });
    expect(opened.status).toBe(201);
    expect(opened.body.secretBallot).toBe(true);
    const pollId: string = opened.body.id;
    for (const [index, member] of members.slice(0, 3).entries()) {
      const sent = await member.client.post(`/api/polls/${pollId}/ballots`, {
        answer: { ranks: { [index === 0 ? "o2" : "o1"]: 1 } },
        clientVoteId: randomUUID(),
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    }
    const stored = await storedBallots(pollId);
    expect(stored.map((b) => b.voterKey)).not.toContain(members[0]!.id);
    const view = await members[0]!.client.get(`/api/polls/${pollId}`);
    expect(view.body.ballots).toEqual([]);
    expect(view.body.myAnswer).toEqual({ ranks: { o2: 1 } });

    expect(await server.app.polls.sweep()).toBe(0);
    clock.advance(11 * 60_000);
    expect(await server.app.polls.sweep()).toBe(1);
    const closed = await coordinator.client.get(`/api/polls/${pollId}`);
    expect(closed.body).toMatchObject({ status: "closed", result: { leading: ["o1"], outcome: "decided" } });
    expect(closed.body.myAnswer).toEqual({ ranks: { o2: 1 } });
    const log = await coordinator.client.get(`/api/rooms/${roomId}/decisions`);
    expect(log.body[0].payload).toMatchObject({
      type: "pollDecided",
      closeReason: "deadline",
      secretBallot: true,
      answers: [],
      leading: ["o1"],
    });
    expect(JSON.stringify(log.body[0].payload)).not.toContain(members[1]!.id);
  });
});

describe("every kind over sockets", () => {
  it("acks ranked, score and dot ballots once stored, refuses one that does not fit, and tells the room", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const voters = members.slice(0, 3);
    const clients = await Promise.all(voters.map((member) => connect(server, member.accessToken)));
    sockets.push(...clients);
    for (const client of clients) expect((await request(client, "room:join", { roomId })).ok).toBe(true);
    const heard = new Map<string, PollResultEvent[]>();
    clients[0]!.on("poll:result", (event) => heard.set(event.pollId, [...(heard.get(event.pollId) ?? []), event]));
    const open = async (body: object) => {
      const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, body);
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      return String(opened.body.id);
    };
    const ranked = await open({ kind: "ranked", method: "instantRunoff", title: "Lokasi", options: ["A", "B"] });
    const score = await open({ kind: "score", title: "Nilai", options: ["A", "B"], maxScore: 3 });
    const dot = await open({ kind: "dot", title: "Titik", options: ["A", "B"], dots: 2 });
    const answers: Array<[string, object[]]> = [
      [ranked, [{ ranks: { o1: 1 } }, { ranks: { o2: 1, o1: 2 } }, { ranks: { o1: 1, o2: 1 } }]],
      [score, [{ scores: { o1: 3, o2: 0 } }, { scores: { o1: 1 } }, { scores: { o2: 2 } }]],
      [dot, [{ dots: { o1: 2 } }, { dots: { o1: 1, o2: 1 } }, { dots: { o2: 2 } }]],
    ];
    for (const [pollId, perVoter] of answers) {
      const acks = await Promise.all(
        perVoter.map((answer, index) =>
          request(clients[index]!, "poll:ballot", { pollId, answer, clientVoteId: randomUUID() } as never),
        ),
      );
      expect(acks.map((ack) => ack.ok)).toEqual([true, true, true]);
      expect(await storedBallots(pollId)).toHaveLength(3);
      await eventually(() => expect(heard.get(pollId)?.at(-1)?.result.votersCount).toBe(3));
    }
    const last = (pollId: string) => heard.get(pollId)!.at(-1)!.result;
    // Runoff: first preferences o1 1.5 (a shared first rank splits), o2 1.5 of 3: level, o2 goes (later id);
    // then o1 3 of 3.
    const runoff = last(ranked).count;
    expect(runoff.kind === "ranked" ? runoff.instantRunoff.winner : null).toBe("o1");
    expect(last(ranked).leading).toEqual(["o1"]);
    // Scores by sector (equal weighting): o1 government 3, private 1 → 2; o2 government 0, community 2 → 1.
    expect(last(score).leading).toEqual(["o1"]);
    // Dots: government 2 on o1; private 1 and 1; community 2 on o2. Sector shares o1 (1 + 1/2 + 0)/3, o2 the
    // same: level.
    expect(last(dot).leading).toEqual(["o1", "o2"]);

    const refused = await request(clients[0]!, "poll:ballot", {
      pollId: dot,
      answer: { dots: { o1: 2, o2: 1 } },
      clientVoteId: randomUUID(),
    } as never);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", details: [{ path: "answer.dots", rule: "tooManyDots" }] },
    });
    const malformed = await request(clients[0]!, "poll:ballot", {
      pollId: dot,
      answer: { dots: { o1: 1 }, scores: { o1: 1 } },
      clientVoteId: randomUUID(),
    } as never);
    expect(malformed).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await storedBallots(dot)).toHaveLength(3);
  });
});
