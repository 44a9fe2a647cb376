// Faults: a server process is SIGKILLed under load (edits, votes and chat in flight), restarted on the same
// database, five times over. After each kill: every acknowledged write is stored (edits in the proposal's
// state, chat messages by id, each voter's position the last acknowledged or a later one sent); after the
// restart the editors resend what was not acknowledged and converge on what is stored, the round's motion
// closes, and the decision log verifies with one more record.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import * as Y from "yjs";
import type { Position } from "@mufakat/shared";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ApiClient } from "../utils/api.ts";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { serverForSuite } from "../utils/server.ts";
import { type ServerProcess, spawnServer } from "../utils/serverProcess.ts";
import {
  type LiveClient,
  ProposalEditor,
  connect,
  okData,
  paragraphTextOf,
  rawRequest,
  request,
  seededRandom,
  storedState,
} from "../utils/socket.ts";
import { storedPositions } from "../utils/ballots.ts";

/** Rounds of kill and restart: 5 in `pnpm test`, 30 in `pnpm test:soak` (tests/vitest.soak.config.ts). */
const rounds = inject("soak") === true ? 30 : 5;

const setup = serverForSuite({ motionSweepMs: 0 });
const processes: ServerProcess[] = [];
const sockets: LiveClient[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const child of processes) await child.kill();
});

function contains(state: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateAsUpdate(doc);
  Y.applyUpdate(doc, update);
  const after = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return Buffer.compare(Buffer.from(before), Buffer.from(after)) === 0;
}

const cycle: Position[] = ["support", "standAside", "support", "supportWithReservations", "support"];

describe(`SIGKILL under load, ${rounds} times`, () => {
  it(
    "loses no acknowledged edit, vote or chat message, converges after each restart, and the log verifies",
    async () => {
      const { roomId, coordinator, members } = await roomOfSectors(setup, 1);
      const proposalId = await seedProposal(setup, roomId, coordinator.id, "Awal.");
      const editorsMembers = members.slice(0, 3);
      // Members 1-3 vote; the coordinator and member 4 hold back so the motion stays open until closed.
      const voters = members.slice(1, 4);
      const editors = editorsMembers.map(() => null as ProposalEditor | null);
      const totals = { edits: 0, votes: 0, chat: 0, lost: 0 };

      for (let round = 1; round <= rounds; round += 1) {
        const child = await spawnServer({ databaseName: setup.databaseName });
        processes.push(child);
        const api = new ApiClient(child.url);
        api.accessToken = coordinator.accessToken;
        const votedProposal = await seedProposal(setup, roomId, coordinator.id, `Usulan putaran ${round}`);
        const opened = await api.post(`/api/rooms/${roomId}/motions`, {
          proposalId: votedProposal,
          durationMinutes: 600,
        });
        expect(opened.status, JSON.stringify(opened.body)).toBe(201);
        const motionId = opened.body.id as string;

        // Editors (re)connect, sync, and resend what the previous server never acknowledged.
        for (const [index, member] of editorsMembers.entries()) {
          const socket = await connect(child, member.accessToken);
          sockets.push(socket);
          okData(await request(socket, "room:join", { roomId }));
          let editor = editors[index];
          if (editor) editor.attach(socket);
          else editor = editors[index] = new ProposalEditor(socket, proposalId);
          await editor.open();
          editor.resendUnacked();
        }
        const live = editors as ProposalEditor[];
        if (round === 1) (live[0] as ProposalEditor).createParagraph("Awal. ");
        await eventually(
          () => {
            for (const editor of live) {
              expect(editor.unacked.size).toBe(0);
              expect(editor.text()).toBe(live[0]?.text());
            }
          },
          { timeout: 20_000 },
        );
        const stored = await storedState(setup.connection, proposalId);
        expect(paragraphTextOf(stored.state)).toBe(live[0]?.text());

        // Load: typing, votes and chat until 40 writes are acknowledged this round, then SIGKILL.
        const voterSockets = await Promise.all(voters.map((voter) => connect(child, voter.accessToken)));
        sockets.push(...voterSockets);
        const ackedBefore = live.reduce((n, editor) => n + editor.acked.length, 0);
        let acked = 0;
        let killed: Promise<void> | null = null;
        const ackedUpdates: Uint8Array[] = [];
        const chatAcked: string[] = [];
        const sent: Position[][] = voters.map(() => []);
        const lastAcked: (Position | null)[] = voters.map(() => null);
        const kinds = { edit: 0, vote: 0, chat: 0 };
        const countAck = (kind: keyof typeof kinds) => {
          acked += 1;
          kinds[kind] += 1;
          if (acked >= 40 && kinds.vote >= 3 && kinds.chat >= 2 && !killed) killed = child.kill();
        };
        const typing = live.map(async (editor, index) => {
          const random = seededRandom(round * 10 + index);
          let seen = editor.acked.length;
          while (!killed) {
            const text = editor.paragraph;
            if (text) text.insert(Math.floor(random() * (text.length + 1)), `${"abc"[index]}${round}`);
            // Pacing, not synchronisation: load at a typing, voting and chatting pace until the kill.
            await new Promise((resolve) => setTimeout(resolve, 20));
            while (seen < editor.acked.length) {
              seen += 1;
              countAck("edit");
            }
          }
        });
        const voting = voterSockets.map(async (socket, index) => {
          for (let step = 0; !killed; step += 1) {
            const position = cycle[(step + index) % cycle.length] as Position;
            sent[index]?.push(position);
            const payload = {
              motionId,
              position,
              clientVoteId: randomUUID(),
              ...(position === "supportWithReservations" ? { reason: "catatan" } : {}),
            };
            const ack = await rawRequest(socket, "motion:vote", payload).catch(() => null);
            if (ack?.ok) {
              lastAcked[index] = position;
              countAck("vote");
            } else if (ack && ack.error.code !== "RATE_LIMITED") throw new Error(`vote refused: ${ack.error.code}`);
            await new Promise((resolve) => setTimeout(resolve, 120));
          }
        });
        const chatting = voterSockets.map(async (socket, index) => {
          for (let n = 0; !killed; n += 1) {
            const ack = await rawRequest(socket, "chat:send", { roomId, body: `r${round} m${index}-${n}` }).catch(
              () => null,
            );
            if (ack?.ok) {
              chatAcked.push(ack.data.id as string);
              countAck("chat");
            } else if (ack && ack.error.code !== "RATE_LIMITED") throw new Error(`chat refused: ${ack.error.code}`);
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        });
        await eventually(() => expect(killed).not.toBeNull(), { timeout: 30_000 });
        await killed;
        await Promise.all([...typing, ...voting, ...chatting]);
        for (const editor of live) ackedUpdates.push(...editor.ackedUpdates);

        // Everything acknowledged is in the database.
        const after = await storedState(setup.connection, proposalId);
        const lostEdits = ackedUpdates.filter((update) => !contains(after.state, update)).length;
        const storedChat = await setup.connection
          .collection("discussionmessages")
          .countDocuments({ _id: { $in: chatAcked.map((id) => new Types.ObjectId(id)) } });
        const votes = await storedPositions(setup.connection, motionId);
        const storedBy = new Map(votes.map((vote) => [String(vote.voterKey), vote.position as Position]));
        let lostVotes = 0;
        for (const [index, voter] of voters.entries()) {
          const last = lastAcked[index];
          if (!last) continue;
          const allowed = (sent[index] ?? []).slice((sent[index] ?? []).lastIndexOf(last));
          if (!allowed.includes(storedBy.get(voter.id) as Position)) lostVotes += 1;
        }
        const ackedVotes = lastAcked.filter(Boolean).length;
        const roundEdits = live.reduce((n, editor) => n + editor.acked.length, 0) - ackedBefore;
        totals.edits += roundEdits;
        totals.votes += kinds.vote;
        totals.chat += chatAcked.length;
        totals.lost += lostEdits + (chatAcked.length - storedChat) + lostVotes;
        expect({ round, lostEdits, lostChat: chatAcked.length - storedChat, lostVotes }).toEqual({
          round,
          lostEdits: 0,
          lostChat: 0,
          lostVotes: 0,
        });
        expect(ackedVotes).toBeGreaterThan(0);
        console.log(
          `faults: round ${round}: killed after ${kinds.edit} edits, ${kinds.vote} votes, ${kinds.chat} chat acked; lost 0`,
        );

        // The restarted server closes the round's motion; the log verifies with one record per round.
        const restarted = await spawnServer({ databaseName: setup.databaseName });
        processes.push(restarted);
        const after2 = new ApiClient(restarted.url);
        after2.accessToken = coordinator.accessToken;
        const closed = await after2.post(`/api/motions/${motionId}/close`);
        expect(closed.status, JSON.stringify(closed.body)).toBe(200);
        const verified = await after2.get(`/api/rooms/${roomId}/decisions/verify`);
        expect(verified.body).toMatchObject({ valid: true, checked: round });
        await restarted.kill();
        for (const socket of voterSockets) socket.close();
      }

      // A last server: every editor converges on what is stored.
      const final = await spawnServer({ databaseName: setup.databaseName });
      processes.push(final);
      for (const [index, member] of editorsMembers.entries()) {
        const socket = await connect(final, member.accessToken);
        sockets.push(socket);
        okData(await request(socket, "room:join", { roomId }));
        const editor = editors[index] as ProposalEditor;
        editor.attach(socket);
        await editor.open();
        editor.resendUnacked();
      }
      await eventually(
        async () => {
          for (const editor of editors as ProposalEditor[]) {
            expect(editor.unacked.size).toBe(0);
            expect(editor.text()).toBe(editors[0]?.text());
          }
          const stored = await storedState(setup.connection, proposalId);
          expect(paragraphTextOf(stored.state)).toBe(editors[0]?.text());
        },
        { timeout: 20_000 },
      );
      console.log(
        `faults: sigkill×${rounds} — acked ${totals.edits + totals.votes + totals.chat} ` +
          `(${totals.edits} edits, ${totals.votes} votes, ${totals.chat} chat), lost ${totals.lost}; converged, log verified`,
      );
      expect(totals.lost).toBe(0);
    },
    120_000 + rounds * 40_000,
  );
});
