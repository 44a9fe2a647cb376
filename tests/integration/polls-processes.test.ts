// Two server processes behind one Redis, on one database: a poll ballot stored on one process reaches the
// other's in-memory copy of the open poll (the poll:ballot inter-server event), so each process's result
// counts every ballot, whichever process stored it; the poll closes once and records one decision.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PollResultEvent } from "@mufakat/shared";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { connect, request } from "../utils/socket.ts";
import { twoProcessesForSuite } from "../utils/twoProcesses.ts";

const processes = twoProcessesForSuite();
const { onB, sockets, redisUrl } = processes;

const ballot = (ranks: Record<string, number>) => ({ answer: { ranks }, clientVoteId: randomUUID() });

describe.skipIf(!redisUrl)("a poll with two processes (needs /usr/bin/redis-server)", () => {
  it("counts ballots stored on either process in both processes' results, and closes once", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(processes.a(), 1);
    const [government, privateMember, community, academia] = members as [Member, Member, Member, Member];
    const watcher = await connect(processes.b(), academia.accessToken);
    sockets.push(watcher);
    expect((await request(watcher, "room:join", { roomId })).ok).toBe(true);
    const heardOnB: PollResultEvent[] = [];
    watcher.on("poll:result", (event) => heardOnB.push(event));

    const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, {
      kind: "ranked",
      title: "Lokasi pasar",
      options: ["Pelabuhan", "Terminal"],
    });
    expect(opened.status).toBe(201);
    const pollId: string = opened.body.id;

    // B loads the poll with the first ballot; the second is stored on A; the third, on B, is counted with
    // the second only if A's ballot reached B's copy.
    const first = await onB(privateMember).post(`/api/polls/${pollId}/ballots`, ballot({ o2: 1 }));
    expect(first.body.result.votersCount).toBe(1);
    const second = await community.client.post(`/api/polls/${pollId}/ballots`, ballot({ o2: 1 }));
    expect(second.body.result.votersCount).toBe(2);
    await eventually(async () => {
      const third = await onB(government).get(`/api/polls/${pollId}`);
      expect(third.body.result.votersCount).toBe(2);
    });
    const third = await onB(government).post(`/api/polls/${pollId}/ballots`, ballot({ o1: 1 }));
    expect(third.status).toBe(200);
    expect(third.body.result).toMatchObject({ votersCount: 3, leading: ["o2"], outcome: "decided" });
    await eventually(() => expect(heardOnB.at(-1)?.result.votersCount).toBe(3));
    const heard = heardOnB.at(-1)?.result.count;
    expect(heard?.kind === "ranked" ? heard.overall.firstPreferences : null).toEqual([
      { option: "o1", votes: 1 },
      { option: "o2", votes: 2 },
    ]);

    // Both processes try to close at once: one records the decision, the other answers POLL_CLOSED.
    const closes = await Promise.all([
      coordinator.client.post(`/api/polls/${pollId}/close`),
      onB(coordinator).post(`/api/polls/${pollId}/close`),
    ]);
    expect(closes.map((c) => c.status).sort()).toEqual([200, 409]);
    const records = await processes
      .a()
      .app.ctx.models.DecisionRecord.find({ dedupeKey: `poll:${pollId}` })
      .lean();
    expect(records).toHaveLength(1);
    const late = await onB(academia).post(`/api/polls/${pollId}/ballots`, ballot({ o1: 1 }));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("POLL_CLOSED");
  });
});
