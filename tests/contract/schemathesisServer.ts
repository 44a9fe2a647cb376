// The real server for the schemathesis run (tests/contract/schemathesis.sh): the embedded FerretDB (or
// MONGODB_URI), createApp on 127.0.0.1 port 0 with the login limit raised for this run only, and seeded
// objects whose ids schemathesis puts into path parameters. Prints one line of JSON
// `{"url":…,"token":…,"ids":{…}}` when ready, and cleans up on SIGTERM or when stdin closes.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { storeSeedProposal } from "../utils/seedProposal.ts";
import { startStandaloneServer } from "../utils/standaloneServer.ts";

// schemathesis registers and logs in thousands of times; the real limit would answer 429 after a few.
const server = await startStandaloneServer({
  serveClient: false,
  authLimitPerMinute: 1_000_000,
  purpose: "schemathesis",
});
const { url, app } = server;

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();

async function call(method: string, route: string, token: string | null, body?: unknown): Promise<any> {
  const response = await fetch(`${url}/api${route}`, {
    method,
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`seeding: ${method} ${route} answered ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function register(sector: string): Promise<{ token: string; id: string }> {
  const session = await call("POST", "/auth/register", null, {
    email: `${sector}-${randomUUID().slice(0, 8)}@example.org`,
    displayName: `Seed ${sector}`,
    password: "correct horse battery staple",
    sector,
    organisation: `${sector} org`,
  });
  return { token: session.accessToken, id: session.user.id };
}

/** A proposal with a body, stored as an edit would be (proposals are created over the socket). */
async function seedProposal(roomId: string, createdBy: string, title: string): Promise<string> {
  return storeSeedProposal(app.ctx, { roomId, createdBy, title, text: `Isi usulan: ${title}` });
}

const coordinator = await register("government");
const second = await register("community");
const room = await call("POST", "/rooms", coordinator.token, { title: "Air bersih", visibility: "open" });
await call("POST", `/rooms/${room.id}/join`, second.token);

// A decision adopted by the room's only eligible voter, for commitments, pledges and the review.
const decidedProposal = await seedProposal(room.id, coordinator.id, "Jadwal air");
const decided = await call("POST", `/rooms/${room.id}/motions`, coordinator.token, {
  proposalId: decidedProposal,
  durationMinutes: 60,
  // Two voters in two sectors: the default quorum (3 and 3) would record "no quorum".
  rule: { quorum: { minVoters: 2, minSectors: 2 } },
});
for (const voter of [coordinator, second]) {
  await call("POST", `/motions/${decided.id}/votes`, voter.token, { position: "support", clientVoteId: randomUUID() });
}
// The last eligible vote closes the motion; closing again answers MOTION_CLOSED, which is fine here.
await call("POST", `/motions/${decided.id}/close`, coordinator.token).catch(() => undefined);
const decisions = await call("GET", `/rooms/${room.id}/decisions`, coordinator.token);
const seq: number = decisions[0]?.seq ?? 1;

const openProposal = await seedProposal(room.id, coordinator.id, "Tarif air");
const motion = await call("POST", `/rooms/${room.id}/motions`, coordinator.token, {
  proposalId: openProposal,
  durationMinutes: 60,
});
await call("POST", `/motions/${motion.id}/votes`, second.token, { position: "support", clientVoteId: randomUUID() });

const commitment = await call("POST", `/rooms/${room.id}/commitments`, coordinator.token, {
  decisionSeq: seq,
  what: "Pasang pipa",
  ownerUserId: coordinator.id,
  dueDate: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
});
const pledge = await call("POST", `/rooms/${room.id}/pledges`, coordinator.token, {
  kind: "funds",
  quantity: 100,
  unit: "IDR",
});
const invite = await call("POST", `/rooms/${room.id}/invites`, coordinator.token, {});
const statement = await call("POST", `/rooms/${room.id}/opinion-statements`, coordinator.token, { text: "Air dulu" });

// A pending action: the second member becomes a coordinator, then their demotion waits for confirmation.
await call("PATCH", `/rooms/${room.id}/members/${second.id}/role`, coordinator.token, { role: "coordinator" });
const pending = await call("PATCH", `/rooms/${room.id}/members/${second.id}/role`, coordinator.token, {
  role: "participant",
});

process.stdout.write(
  `${JSON.stringify({
    url,
    token: coordinator.token,
    ids: {
      roomId: room.id,
      userId: coordinator.id,
      proposalId: openProposal,
      motionId: motion.id,
      seq: String(seq),
      commitmentId: commitment.id,
      pledgeId: pledge.id,
      inviteId: invite.id,
      token: invite.token,
      pendingActionId: pending.pendingAction?.id ?? new Types.ObjectId().toHexString(),
      statementId: statement.id,
    },
  })}\n`,
);
