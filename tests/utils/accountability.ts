// Decisions made for real (a seeded proposal, a motion, votes over HTTP) for the accountability tests,
// a clock move that keeps everyone logged in, and a small RFC 4180 reader that shares no code with the
// server's CSV writer.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { expect } from "vitest";
import type { ApiClient } from "./api.ts";
import type { TestClock } from "./clock.ts";
import { type Member, seedProposal } from "./deliberation.ts";
import { eventually } from "./eventually.ts";
import type { TestServer } from "./server.ts";

export type Verdict = "support" | "object" | "block";

/**
 * A decision of `room` on a proposal titled `title`: every one of `voters` (default: all members) takes
 * `position`; when not everyone voted, the coordinator closes the motion. Resolves with the record's seq.
 */
export async function decide(
  server: TestServer,
  room: { roomId: string; coordinator: Member; members: Member[] },
  props: { title: string; position?: Verdict; voters?: Member[] },
): Promise<{ seq: number; outcome: string; motionId: string }> {
  const proposalId = await seedProposal(server, room.roomId, room.coordinator.id, `Isi usulan: ${props.title}`);
  await server.app.ctx.models.Proposal.updateOne(
    { _id: new Types.ObjectId(proposalId) },
    { $set: { title: props.title } },
  );
  const opened = await room.coordinator.client.post(`/api/rooms/${room.roomId}/motions`, {
    proposalId,
    durationMinutes: 60,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const motionId: string = opened.body.id;
  const position = props.position ?? "support";
  const voters = props.voters ?? room.members;
  for (const voter of voters) {
    const vote = await voter.client.post(`/api/motions/${motionId}/votes`, {
      position,
      clientVoteId: randomUUID(),
      ...(position === "support" ? {} : { reason: "Belum siap" }),
    });
    expect(vote.status, JSON.stringify(vote.body)).toBe(200);
  }
  if (voters.length < room.members.length) {
    expect((await room.coordinator.client.post(`/api/motions/${motionId}/close`)).status).toBe(200);
  }
  const motion = await eventually(async () => {
    const read = await room.coordinator.client.get(`/api/motions/${motionId}`);
    expect(read.body.status).toBe("closed");
    return read.body;
  });
  return { seq: motion.decisionSeq, outcome: motion.tally.outcome, motionId };
}

/** Moves the clock, then refreshes every client's access token (15 minutes) with its refresh cookie. */
export async function advanceClock(clock: TestClock, ms: number, clients: ApiClient[]): Promise<void> {
  clock.advance(ms);
  for (const client of clients) {
    const refreshed = await client.post("/api/auth/refresh");
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    client.accessToken = refreshed.body.accessToken;
  }
}

/** RFC 4180: CRLF records, quoted fields with doubled quotes; a final CRLF ends the last record. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"' && field === "") {
      quoted = true;
      i += 1;
    } else if (char === ",") {
      row.push(field);
      field = "";
      i += 1;
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      field += char;
      i += 1;
    }
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error("CSV without a header");
  return rows.map((row) => {
    expect(row).toHaveLength(header.length);
    return Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""]));
  });
}
