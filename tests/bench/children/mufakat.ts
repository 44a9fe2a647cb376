// Mufakat under benchmark: createApp on a database the bench started, in its own (pinned) process. Seeding
// happens here, straight into the database (users with one shared placeholder hash, so no argon2 per user,
// memberships, proposals), and tokens are signed with the server's secret, before any measurement starts.
import { Types } from "mongoose";
import * as Y from "yjs";
import { proposalBodyFragment, sectors } from "@mufakat/shared";
import { connectMongoose, createApp, membershipIdFor, signAccessToken } from "@mufakat/server";
import { announce, installProbe } from "./probe.ts";

export interface MufakatChildOptions {
  mongoUri: string;
  databaseName: string;
  jwtSecret: string;
  redisUrl?: string;
  compactAfterUpdates?: number;
  compactAfterLogBytes?: number;
  idleUnloadMs?: number;
}

export interface SeedRequest {
  rooms: Array<{ members: number; proposals: number; text: string }>;
}

export interface SeededRoom {
  roomId: string;
  proposalIds: string[];
  members: Array<{ userId: string; token: string }>;
}

const options = JSON.parse(process.argv[2] ?? "{}") as MufakatChildOptions;
const connection = await connectMongoose(options.mongoUri, options.databaseName);
const app = await createApp({
  connection,
  jwtSecret: options.jwtSecret,
  authRateLimit: { limit: 1_000_000, windowMs: 60_000 },
  redisUrl: options.redisUrl,
  collaboration: {
    ...(options.compactAfterUpdates ? { compactAfterUpdates: options.compactAfterUpdates } : {}),
    ...(options.compactAfterLogBytes ? { compactAfterLogBytes: options.compactAfterLogBytes } : {}),
    ...(options.idleUnloadMs ? { idleUnloadMs: options.idleUnloadMs } : {}),
  },
});
const models = app.ctx.models;

/** A session token as the server signs one (the same claims and lifetime), for a seeded user. */
function tokenFor(userId: string): string {
  return signAccessToken(userId, options.jwtSecret, new Date());
}

function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(proposalBodyFragment).insert(0, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

let seeded = 0;
/**
 * The rooms of one request in five batched inserts (users, rooms, memberships, proposals, their first
 * updates), not five per room: on the embedded FerretDB each insert is a round trip of milliseconds, and
 * the 500 rooms of workload 2 took longer to seed one by one than the workload's whole budget.
 */
async function seed(request: SeedRequest): Promise<SeededRoom[]> {
  const now = new Date();
  const users: Array<Record<string, unknown> & { _id: Types.ObjectId }> = [];
  const rooms: Array<Record<string, unknown>> = [];
  const memberships: Array<Record<string, unknown>> = [];
  const proposals: Array<Record<string, unknown> & { _id: Types.ObjectId }> = [];
  const updates: Array<Record<string, unknown>> = [];
  const result: SeededRoom[] = [];
  for (const room of request.rooms) {
    seeded += 1;
    const roomId = new Types.ObjectId();
    const members = Array.from({ length: room.members }, (_, i) => ({
      _id: new Types.ObjectId(),
      email: `bench${seeded}-${i}-${Date.now().toString(36)}@example.org`,
      displayName: `Bench ${seeded}.${i}`,
      // Never used to log in: sessions are signed tokens. One placeholder instead of an argon2 hash each.
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$placeholderplaceholderplaceholder",
      sector: sectors[i % sectors.length],
      organisation: `Org ${i % 7}`,
      createdAt: now,
      updatedAt: now,
    }));
    users.push(...members);
    const creator = members[0]?._id as Types.ObjectId;
    rooms.push({
      _id: roomId,
      title: `Bench room ${seeded}`,
      visibility: "open",
      stage: "formation",
      createdBy: creator,
      memberCount: members.length,
    });
    members.forEach((user, i) => {
      memberships.push({
        _id: membershipIdFor(roomId, user._id),
        roomId,
        userId: user._id,
        role: i === 0 ? "coordinator" : "participant",
        sector: user.sector,
        organisation: user.organisation,
        joinedAt: now,
      });
    });
    const proposalIds: string[] = [];
    for (let p = 0; p < room.proposals; p++) {
      const proposalId = new Types.ObjectId();
      proposals.push({ _id: proposalId, roomId, title: `Usulan ${p + 1}`, createdBy: creator });
      const update = paragraphUpdate(room.text);
      updates.push({
        proposalId,
        update: Buffer.from(update),
        bytes: update.byteLength,
        userId: creator,
        createdAt: now,
      });
      proposalIds.push(proposalId.toHexString());
    }
    result.push({
      roomId: roomId.toHexString(),
      proposalIds,
      members: members.map((user) => ({ userId: user._id.toHexString(), token: tokenFor(user._id.toHexString()) })),
    });
  }
  await models.User.insertMany(users);
  await models.Room.insertMany(rooms);
  await models.Membership.insertMany(memberships);
  await models.Proposal.insertMany(proposals);
  await models.ProposalUpdate.insertMany(updates);
  return result;
}

/** A lean document's Buffer field arrives as a BSON Binary (its bytes in `buffer`) or a Buffer. */
function binaryLength(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  const inner = (value as { buffer?: unknown }).buffer;
  return inner instanceof Uint8Array ? inner.byteLength : 0;
}

installProbe({
  loaded: (request) => app.realtime.hub.isLoaded(String(request.proposalId)),
  seed: (request) => seed(request as unknown as SeedRequest),
  compact: async (request) => {
    const result = await app.realtime.hub.compact(new Types.ObjectId(String(request.proposalId)));
    return result;
  },
  storedBytes: async (request) => {
    const proposalId = new Types.ObjectId(String(request.proposalId));
    const log = await models.ProposalUpdate.find({ proposalId }, { bytes: 1 }).lean();
    const snapshot = await models.ProposalSnapshot.findOne({ proposalId }).lean();
    return {
      logEntries: log.length,
      logBytes: log.reduce((sum, entry) => sum + entry.bytes, 0),
      snapshotBytes: snapshot ? binaryLength(snapshot.state) : 0,
    };
  },
  chatMessages: (request) =>
    models.DiscussionMessage.countDocuments({ roomId: new Types.ObjectId(String(request.roomId)), kind: "chat" }),
  votes: async (request) => {
    // The ballot log: one record per position taken (a resend adds none), so with one vote per member the
    // count of records and of distinct voters are both the member count; a duplicate shows as more records.
    const ballots = await models.VoteEvent.find({ motionId: new Types.ObjectId(String(request.motionId)) }).lean();
    return { count: ballots.length, distinctVoters: new Set(ballots.map((ballot) => ballot.voterKey)).size };
  },
});
const { port } = await app.listen(0);
announce(port);
