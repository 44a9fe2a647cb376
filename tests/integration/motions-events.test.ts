// One vote, two transports: a vote cast over HTTP and one cast over the socket go through the same voting
// command, publish the same domain event (voteCast) on the app's bus once stored, and reach every socket
// in the room as motion:tally through realtime's subscription to that bus.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MotionTallyEvent } from "@mufakat/shared";
import type { DomainEventMap } from "../../server/src/events/domainEvents.ts";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { connect, request, socketsClosedAfterAll } from "../utils/socket.ts";
import { serverForSuite } from "../utils/server.ts";

const server = serverForSuite({ motionSweepMs: 0 });
const sockets = socketsClosedAfterAll();

describe("a vote's domain event", () => {
  it("is the same for a vote over HTTP and one over the socket, and both reach the room's sockets", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Jadwal pengangkutan sampah");
    const [httpVoter, socketVoter, watcherMember] = [members[1]!, members[2]!, members[3]!];
    const watcher = await connect(server, watcherMember.accessToken);
    const voterSocket = await connect(server, socketVoter.accessToken);
    sockets.push(watcher, voterSocket);
    for (const client of [watcher, voterSocket]) expect((await request(client, "room:join", { roomId })).ok).toBe(true);
    const tallies: MotionTallyEvent[] = [];
    watcher.on("motion:tally", (event) => tallies.push(event));

    const cast: Array<DomainEventMap["voteCast"]> = [];
    const opened: Array<DomainEventMap["motionOpened"]> = [];
    const unsubscribe = [
      server.app.ctx.events.subscribe("voteCast", (event) => cast.push(event)),
      server.app.ctx.events.subscribe("motionOpened", (event) => opened.push(event)),
    ];

    const motion = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId });
    expect(motion.status).toBe(201);
    const motionId: string = motion.body.id;
    expect(opened).toEqual([{ motionId, roomId, proposalId, openedBy: coordinator.id }]);

    const httpVoteId = randomUUID();
    const overHttp = await httpVoter.client.post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: httpVoteId,
    });
    expect(overHttp.status).toBe(200);
    expect(overHttp.body).toMatchObject({ motionId, position: "support", replayed: false });
    expect(overHttp.body.tally.votersCount).toBe(1);

    const socketVoteId = randomUUID();
    const overSocket = await request(voterSocket, "motion:vote", {
      motionId,
      position: "object",
      reason: "Rute melewati sekolah",
      clientVoteId: socketVoteId,
    });
    if (!overSocket.ok) throw new Error(`socket vote refused: ${overSocket.error.code}`);
    expect(overSocket.data).toMatchObject({ motionId, position: "object", replayed: false });
    expect(overSocket.data.tally.votersCount).toBe(2);

    // The same event, field for field, whichever transport carried the vote.
    expect(cast).toEqual([
      { motionId, roomId, voterId: httpVoter.id, position: "support", clientVoteId: httpVoteId },
      { motionId, roomId, voterId: socketVoter.id, position: "object", clientVoteId: socketVoteId },
    ]);
    // A resend of a stored vote changes nothing and announces nothing.
    const resent = await httpVoter.client.post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: httpVoteId,
    });
    expect(resent.status).toBe(200);
    expect(resent.body.replayed).toBe(true);
    expect(cast).toHaveLength(2);

    // Both votes reached the watching socket as tallies, per sector only.
    await eventually(() => expect(tallies.map((t) => t.tally.votersCount)).toContain(2));
    expect(tallies.map((t) => t.tally.votersCount)).toContain(1);
    for (const event of tallies) {
      expect(event).toMatchObject({ motionId, roomId });
      expect(Object.keys(event.tally)).not.toContain("ballots");
    }
    expect(tallies.at(-1)?.tally).toEqual(overSocket.data.tally);
    for (const stop of unsubscribe) stop();
  });
});
