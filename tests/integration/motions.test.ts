// Consensus decisions over HTTP: a motion freezes a proposal's text, members of five sectors vote,
// duplicates count once, the motion closes, and the decision log records it in a verifiable chain.
import { createHash, randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { storeSeedProposal } from "../utils/seedProposal.ts";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { serverForSuite } from "../utils/server.ts";
import { storedPositions } from "../utils/ballots.ts";

const clock = testClock();
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });

describe("a motion from opening to the decision log", () => {
  it("freezes the text, counts 30 concurrent voters of 5 sectors once each, closes when all voted, and verifies", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 6);
    expect(members).toHaveLength(30);
    const text = "Distribusi air bersih: Senin dan Kamis, pukul 06.00–10.00.";
    const proposalId = await seedProposal(server, roomId, coordinator.id, text);

    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 30 });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      status: "open",
      frozenText: text,
      frozenTextHash: createHash("sha256").update(text).digest("hex"),
      eligibleCount: 30,
      secretBallot: false,
      rule: { consensus: { type: "sectorConsensus" }, quorum: { minVoters: 3, minSectors: 3 } },
    });
    const motionId = opened.body.id;
    const again = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("MOTION_ALREADY_OPEN");

    // Everyone supports except: two private members object, one media member stands aside. Every vote is
    // sent twice at once with the same clientVoteId, as a client retrying after a timeout would.
    const positionOf = (member: Member, index: number) =>
      member.sector === "private" && index % 2 === 0
        ? "object"
        : member.sector === "media" && index % 6 === 5
          ? "standAside"
          : "support";
    const ballots = members.map((member, index) => ({
      member,
      position: positionOf(member, index),
      clientVoteId: randomUUID(),
    }));
    const sends = ballots.flatMap(({ member, position, clientVoteId }) => {
      const body = {
        position,
        clientVoteId,
        ...(position === "object" ? { reason: "Kamis bentrok dengan jadwal pasar" } : {}),
      };
      return [
        member.client.post(`/api/motions/${motionId}/votes`, body),
        member.client.post(`/api/motions/${motionId}/votes`, body),
      ];
    });
    const responses = await Promise.all(sends);
    const statuses = responses.map((r) => r.status);
    // The last voter's ack and the close race; a vote acked is counted, one refused as closed is not.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(30);
    expect(responses.filter((r) => r.status === 200 && r.body.replayed === false).length).toBe(30);

    const stored = (await storedPositions(server.connection, motionId)).length;
    expect(stored).toBe(30);
    const objections = ballots.filter((b) => b.position === "object").length;
    const asides = ballots.filter((b) => b.position === "standAside").length;

    const motion = await coordinator.client.get(`/api/motions/${motionId}`);
    expect(motion.body.status).toBe("closed");
    expect(motion.body.closeReason).toBe("allVoted");
    expect(motion.body.tally.votersCount).toBe(30);
    expect(motion.body.tally.totals).toEqual({
      support: 30 - objections - asides,
      supportWithReservations: 0,
      standAside: asides,
      object: objections,
      block: 0,
    });
    expect(motion.body.tally.perSector.private.counts.object).toBe(objections);
    expect(motion.body.tally.perSector.private.voters).toBe(6);
    // Private: 3 of 6 support, 1/2 < 2/3: sector consensus fails in that sector.
    expect(motion.body.tally.outcome).toBe("notAdopted");
    expect(motion.body.tally.reasonCode).toBe("sectorBelowThreshold");
    expect(motion.body.decisionSeq).toBe(1);

    const log = await coordinator.client.get(`/api/rooms/${roomId}/decisions`);
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({ seq: 1, kind: "decision", prevHash: "0".repeat(64) });
    expect(log.body[0].payload).toMatchObject({
      motionId,
      frozenText: text,
      outcome: "notAdopted",
      closeReason: "allVoted",
      earlyClose: false,
      secretBallot: false,
    });
    expect(log.body[0].payload.positions).toHaveLength(30);
    expect(log.body[0].payload.positions.filter((p: { reason: string | null }) => p.reason)).toHaveLength(objections);

    const verified = await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(verified.body).toMatchObject({
      valid: true,
      checked: 1,
      firstBrokenSeq: null,
      problem: null,
      headHash: log.body[0].hash,
    });

    const proposal = await server.connection.collection("proposals").findOne({ _id: new Types.ObjectId(proposalId) });
    expect(proposal?.status).toBe("notAdopted");
  });

  it("detects a record altered directly in the database, naming that record", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    for (let round = 0; round < 3; round++) {
      const proposalId = await seedProposal(server, roomId, coordinator.id, `Usulan ${round}`);
      const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
      for (const member of members) {
        const vote = await member.client.post(`/api/motions/${opened.body.id}/votes`, {
          position: "support",
          clientVoteId: randomUUID(),
        });
        expect(vote.status).toBe(200);
      }
    }
    const before = await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(before.body).toMatchObject({ valid: true, checked: 3 });

    await server.connection
      .collection("decisionrecords")
      .updateOne({ roomId: new Types.ObjectId(roomId), seq: 2 }, { $set: { "payload.outcome": "blocked" } });
    const after = await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(after.body).toMatchObject({ valid: false, checked: 3, firstBrokenSeq: 2, problem: "hashMismatch" });

    await server.connection.collection("decisionrecords").deleteOne({ roomId: new Types.ObjectId(roomId), seq: 2 });
    const gap = await coordinator.client.get(`/api/rooms/${roomId}/decisions/verify`);
    expect(gap.body).toMatchObject({ valid: false, firstBrokenSeq: 2, problem: "seqGap" });
  });
});

describe("a motion needs a text to vote on", () => {
  /** A proposal whose stored body is exactly these paragraphs (none: a proposal no one has written in). */
  function proposalOf(roomId: string, createdBy: string, paragraphs: string[]): Promise<string> {
    return storeSeedProposal(server.app.ctx, { roomId, createdBy, title: "Belum ditulis", paragraphs });
  }

  it.each([
    ["never written in", []],
    ["an empty paragraph", [""]],
    ["whitespace-only paragraphs", ["   ", "\t", " \u00a0 "]],
    ["zero-width characters only", ["\u200b\u200d", "\ufeff"]],
  ])("refuses to open a motion on a proposal %s with PROPOSAL_TEXT_EMPTY, storing nothing", async (_, paragraphs) => {
    const { roomId, coordinator } = await roomOfSectors(server, 1);
    const proposalId = await proposalOf(roomId, coordinator.id, paragraphs);
    const before = await server.connection.collection("proposals").findOne({ _id: new Types.ObjectId(proposalId) });

    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 30 });
    expect(opened.status).toBe(409);
    expect(opened.body.error.code).toBe("PROPOSAL_TEXT_EMPTY");

    expect(await server.connection.collection("motions").countDocuments({ roomId: new Types.ObjectId(roomId) })).toBe(
      0,
    );
    const after = await server.connection.collection("proposals").findOne({ _id: new Types.ObjectId(proposalId) });
    expect(after?.status).toBe(before?.status);
    const audit = await coordinator.client.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body.filter((entry: { action: string }) => entry.action === "motion.opened")).toEqual([]);
    const listed = await coordinator.client.get(`/api/rooms/${roomId}/motions?proposalId=${proposalId}`);
    expect(listed.body).toEqual([]);
  });

  it("opens one once the proposal has text, so the refusal was the text's", async () => {
    const { roomId, coordinator } = await roomOfSectors(server, 1);
    const proposalId = await proposalOf(roomId, coordinator.id, ["  ", " Air mengalir Senin. "]);
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    expect(opened.status).toBe(201);
    expect(opened.body.frozenText).toBe("  \n Air mengalir Senin. ");
  });
});

describe("what the tally says about each sector", () => {
  it("names a sector that did not vote and whether that mattered, in the motion, the vote's ack and the record", async () => {
    // Two members in each of the five sectors; academia and media do not vote.
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Air mengalir Senin.");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    const motionId = opened.body.id;
    const voters = members.filter((m) => m.sector === "government" || m.sector === "private");
    for (const member of voters) {
      const vote = await member.client.post(`/api/motions/${motionId}/votes`, {
        position: "support",
        clientVoteId: randomUUID(),
      });
      expect(vote.status).toBe(200);
    }
    const explanations = (perSector: Record<string, { explanation: string }>) =>
      Object.fromEntries(Object.entries(perSector).map(([sector, row]) => [sector, row.explanation]));
    const early = await coordinator.client.get(`/api/motions/${motionId}`);
    expect(early.body.tally).toMatchObject({ outcome: "noQuorum", reasonCode: "quorumSectors" });
    expect(explanations(early.body.tally.perSector)).toEqual({
      government: "reached",
      private: "reached",
      community: "didNotVoteQuorumMissed",
      academia: "didNotVoteQuorumMissed",
      media: "didNotVoteQuorumMissed",
    });

    const community = members.find((m) => m.sector === "community")!;
    const last = await community.client.post(`/api/motions/${motionId}/votes`, {
      position: "object",
      reason: "Bentrok dengan jadwal pasar",
      clientVoteId: randomUUID(),
    });
    expect(last.status).toBe(200);
    expect(last.body.tally).toMatchObject({ outcome: "notAdopted", reasonCode: "sectorBelowThreshold" });
    const afterVote = {
      government: "reached",
      private: "reached",
      community: "notReached",
      academia: "didNotVoteNotRequired",
      media: "didNotVoteNotRequired",
    };
    expect(explanations(last.body.tally.perSector)).toEqual(afterVote);

    const closed = await coordinator.client.post(`/api/motions/${motionId}/close`);
    expect(closed.status).toBe(200);
    expect(explanations(closed.body.tally.perSector)).toEqual(afterVote);
    const log = await coordinator.client.get(`/api/rooms/${roomId}/decisions`);
    expect(explanations(log.body[0].payload.tally.perSector)).toEqual(afterVote);

    // A motion closed before tallies carried explanations: its recorded tally is explained from its counts.
    const unset = Object.fromEntries(
      ["government", "private", "community", "academia", "media"].map((s) => [
        `finalTally.perSector.${s}.explanation`,
        "",
      ]),
    );
    const stripped = await server.connection
      .collection("motions")
      .updateOne({ _id: new Types.ObjectId(motionId) }, { $unset: unset });
    expect(stripped.modifiedCount).toBe(1);
    const reread = await coordinator.client.get(`/api/motions/${motionId}`);
    expect(explanations(reread.body.tally.perSector)).toEqual(afterVote);
  });
});

describe("who may vote, and how", () => {
  it("refuses observers, late joiners, missing reasons and closed motions, storing nothing", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Teks");
    const observer = await registeredClient(server.url, "media");
    const invite = await coordinator.client.post(`/api/rooms/${roomId}/invites`, { role: "observer" });
    await observer.client.post("/api/invites/accept", { token: invite.body.token });

    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    const motionId = opened.body.id;
    expect(opened.body.eligibleCount).toBe(5);

    const observerVote = await observer.client.post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(observerVote.status).toBe(403);
    expect(observerVote.body.error.code).toBe("READ_ONLY_ROLE");

    const late = await registeredClient(server.url, "academia");
    await late.client.post(`/api/rooms/${roomId}/join`);
    const lateVote = await late.client.post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(lateVote.status).toBe(403);
    expect(lateVote.body.error.code).toBe("NOT_ELIGIBLE");

    const silentBlock = await members[1]!.client.post(`/api/motions/${motionId}/votes`, {
      position: "block",
      clientVoteId: randomUUID(),
    });
    expect(silentBlock.status).toBe(400);
    expect(silentBlock.body.error.details).toEqual([
      { path: "reason", message: "required for block", code: "custom", rule: "reasonRequired" },
    ]);
    expect((await storedPositions(server.connection, motionId)).length).toBe(0);

    const participantClose = await members[1]!.client.post(`/api/motions/${motionId}/close`);
    expect(participantClose.status).toBe(403);
    expect(participantClose.body.error.code).toBe("NOT_A_COORDINATOR");

    // A position changed before the close: only the latest counts, every change is in the history.
    const member = members[2]!;
    expect(
      (
        await member.client.post(`/api/motions/${motionId}/votes`, {
          position: "object",
          reason: "Belum jelas",
          clientVoteId: randomUUID(),
        })
      ).status,
    ).toBe(200);
    expect(
      (await member.client.post(`/api/motions/${motionId}/votes`, { position: "support", clientVoteId: randomUUID() }))
        .status,
    ).toBe(200);
    expect(
      await server.connection.collection("voteevents").countDocuments({ motionId: new Types.ObjectId(motionId) }),
    ).toBe(2);

    const closed = await coordinator.client.post(`/api/motions/${motionId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", closeReason: "coordinator" });
    expect(closed.body.tally).toMatchObject({ votersCount: 1, outcome: "noQuorum", reasonCode: "quorumVoters" });
    const decisions = await coordinator.client.get(`/api/rooms/${roomId}/decisions`);
    expect(decisions.body[0].payload).toMatchObject({
      closeReason: "coordinator",
      earlyClose: true,
      outcome: "noQuorum",
    });
    const audit = await coordinator.client.get(`/api/rooms/${roomId}/audit`);
    expect(audit.body[0]).toMatchObject({
      action: "motion.closed",
      target: motionId,
      after: { early: true, outcome: "noQuorum" },
    });
    expect(audit.body.find((entry: { action: string }) => entry.action === "motion.opened")).toMatchObject({
      target: motionId,
      after: { proposalId },
    });
    const listed = await coordinator.client.get(`/api/rooms/${roomId}/motions?proposalId=${proposalId}`);
    expect(listed.body.map((m: { id: string }) => m.id)).toEqual([motionId]);
    const otherProposal = await coordinator.client.get(`/api/rooms/${roomId}/motions?proposalId=${"0".repeat(24)}`);
    expect(otherProposal.body).toEqual([]);

    const afterClose = await member.client.post(`/api/motions/${motionId}/votes`, {
      position: "block",
      reason: "x",
      clientVoteId: randomUUID(),
    });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.error.code).toBe("MOTION_CLOSED");
    const votes = await storedPositions(server.connection, motionId);
    expect(votes.map((v) => v.position)).toEqual(["support"]);
  });

  it("keeps secret ballots secret in the motion, the tally and the record, with one vote per member", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const settings = await coordinator.client.patch(`/api/rooms/${roomId}/decision-settings`, { secretBallots: true });
    expect(settings.status).toBe(200);
    expect(settings.body.secretBallots).toBe(true);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Rahasia");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    const motionId = opened.body.id;
    for (const [index, member] of members.entries()) {
      const position = index === 0 ? "supportWithReservations" : "support";
      const body = {
        position,
        clientVoteId: randomUUID(),
        ...(index === 0 ? { reason: "Perlu evaluasi bulanan" } : {}),
      };
      expect((await member.client.post(`/api/motions/${motionId}/votes`, body)).status).toBe(200);
    }
    const motion = await coordinator.client.get(`/api/motions/${motionId}`);
    expect(motion.body).toMatchObject({
      status: "closed",
      secretBallot: true,
      ballots: [],
      myPosition: "supportWithReservations",
    });
    expect(motion.body.tally.outcome).toBe("adopted");
    const record = (await coordinator.client.get(`/api/rooms/${roomId}/decisions`)).body[0];
    // Who opened the motion is on record; who chose what is not.
    const votesPart = JSON.stringify({ positions: record.payload.positions, tally: record.payload.tally });
    for (const member of members) expect(votesPart).not.toContain(member.id);
    expect(Object.keys(record.payload.tally)).not.toContain("ballots");
    expect(record.payload.positions).toEqual([
      { position: "supportWithReservations", reason: "Perlu evaluasi bulanan" },
    ]);
    const stored = await storedPositions(server.connection, motionId);
    expect(stored).toHaveLength(5);
    for (const vote of stored) expect(members.map((m) => m.id)).not.toContain(vote.voterKey);
  });

  it("closes a motion at its deadline", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Tenggat");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 5 });
    for (const member of members.slice(0, 3)) {
      await member.client.post(`/api/motions/${opened.body.id}/votes`, {
        position: "support",
        clientVoteId: randomUUID(),
      });
    }
    expect(await server.app.motions.sweep()).toBe(0);
    clock.advance(5 * 60_000 + 1);
    expect(await server.app.motions.sweep()).toBe(1);
    const motion = await server.connection.collection("motions").findOne({ _id: new Types.ObjectId(opened.body.id) });
    expect(motion).toMatchObject({ status: "closed", closeReason: "deadline", decisionSeq: 1 });
    expect(motion?.finalTally.outcome).toBe("adopted");
  });
});
