// Opinion statements, votes on them and the room's opinion groups (issue 16), per app. Created once by
// createApp; it owns the worker thread the groupings run in (server/src/opinions/opinionGrouper.ts) and
// the groups computed per room, which are kept until the room's next vote or statement.
//
// Permissions follow comments: members write and vote, observers read, others are refused; an author
// takes back (hides) their own statement as they would delete a comment. A vote is one
// insert (the votes are append-only, models/opinions.ts); each voter's latest vote on a statement counts.
//
// The cache is per process: a process recomputes at once after the votes and statements it stored itself,
// and after those another process stored (several processes on one database, REDIS_URL) once its copy is
// `groupsMaxAgeMs` old. Telling every process of every vote would cost a message per vote for a page
// that is read far less often than votes are cast.
import {
  type OpinionVote,
  type Sector,
  missingVoteCell,
  opinionVoteCell,
  opinionVotes,
  ownsMessage,
} from "@mufakat/shared";
import { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import { appError } from "../errors.ts";
import type { UserDoc } from "../models/index.ts";
import type { OpinionStatementDoc, StatementVoteDoc } from "../models/opinions.ts";
import type { GroupingResult } from "../opinions/groupOpinions.ts";
import { OpinionGrouper } from "../opinions/opinionGrouper.ts";
import { loadRoomAccess } from "./loadRoomAccess.ts";

export type VoteCounts = Record<OpinionVote, number>;

export interface StatementView {
  statement: OpinionStatementDoc;
  votes: VoteCounts;
  myVote: OpinionVote | null;
}

export interface RoomOpinionGroups {
  roomId: string;
  /** The shown statements, oldest first: the matrix's columns. */
  statements: OpinionStatementDoc[];
  /** Every voter's latest vote on each shown statement, counted (grouped or not). */
  statementVotes: VoteCounts[];
  /** The matrix's rows: every voter on a shown statement, ordered by id, with their latest vote's sector. */
  participants: { voterId: string; sector: Sector }[];
  grouping: GroupingResult;
  /** The room has secret ballots: who is in which group is not shown (only the caller's own place). */
  secret: boolean;
}

export interface Opinions {
  createStatement(props: { user: UserDoc; roomId: string; text: string }): Promise<StatementView>;
  listStatements(props: { user: UserDoc; roomId: string }): Promise<StatementView[]>;
  castVote(props: { user: UserDoc; statementId: string; vote: OpinionVote }): Promise<StatementView>;
  hideStatement(props: { user: UserDoc; statementId: string }): Promise<void>;
  groups(props: { user: UserDoc; roomId: string }): Promise<RoomOpinionGroups>;
  /** Starts the grouping worker ahead of the first request (main.ts; tests leave it to the first grouping). */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** How long a room's groups are reused when nothing was stored here meanwhile (other processes' votes). */
export const groupsMaxAgeMs = 30_000;

function emptyCounts(): VoteCounts {
  return Object.fromEntries(opinionVotes.map((vote) => [vote, 0])) as VoteCounts;
}

/** Each voter's latest vote per statement: statementId -> voterId -> vote (later `at`, then later _id, wins). */
function latestVotes(votes: readonly StatementVoteDoc[]): Map<string, Map<string, StatementVoteDoc>> {
  const sorted = [...votes].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a._id.toHexString().localeCompare(b._id.toHexString()),
  );
  const latest = new Map<string, Map<string, StatementVoteDoc>>();
  for (const vote of sorted) {
    const statementId = vote.statementId.toHexString();
    const byVoter = latest.get(statementId) ?? new Map<string, StatementVoteDoc>();
    byVoter.set(vote.voterId.toHexString(), vote);
    latest.set(statementId, byVoter);
  }
  return latest;
}

function viewOf(
  statement: OpinionStatementDoc,
  byVoter: Map<string, StatementVoteDoc> | undefined,
  callerId: string,
): StatementView {
  const votes = emptyCounts();
  for (const vote of byVoter?.values() ?? []) votes[vote.vote]++;
  return { statement, votes, myVote: byVoter?.get(callerId)?.vote ?? null };
}

export function createOpinions(ctx: AppContext, grouper: OpinionGrouper = new OpinionGrouper()): Opinions {
  const { OpinionStatement, StatementVote } = ctx.models;
  /** Bumped by every stored vote or statement of a room; a cached grouping of an older generation is stale. */
  const generations = new Map<string, number>();
  const cached = new Map<
    string,
    { generation: number; computedAt: number; groups: Promise<Omit<RoomOpinionGroups, "secret">> }
  >();

  const changed = (roomId: string) => {
    generations.set(roomId, (generations.get(roomId) ?? 0) + 1);
    cached.delete(roomId);
  };

  const shownStatements = (roomId: Types.ObjectId) =>
    OpinionStatement.find({ roomId, hidden: false }).sort({ _id: 1 }).lean<OpinionStatementDoc[]>();
  const roomVotes = (roomId: Types.ObjectId) => StatementVote.find({ roomId }).lean<StatementVoteDoc[]>();

  async function computeGroups(roomId: Types.ObjectId): Promise<Omit<RoomOpinionGroups, "secret">> {
    const [statements, votes] = await Promise.all([shownStatements(roomId), roomVotes(roomId)]);
    const latest = latestVotes(votes);
    const columns = statements.map(
      (statement) => latest.get(statement._id.toHexString()) ?? new Map<string, StatementVoteDoc>(),
    );
    const voters = new Map<string, StatementVoteDoc>();
    for (const byVoter of columns) {
      for (const [voterId, vote] of byVoter) {
        const known = voters.get(voterId);
        if (!known || known.at.getTime() < vote.at.getTime()) voters.set(voterId, vote);
      }
    }
    const participants = [...voters.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([voterId, vote]) => ({ voterId, sector: vote.sector }));
    const cells = new Int8Array(participants.length * statements.length).fill(missingVoteCell);
    participants.forEach(({ voterId }, row) => {
      columns.forEach((byVoter, column) => {
        const vote = byVoter.get(voterId);
        if (vote) cells[row * statements.length + column] = opinionVoteCell[vote.vote];
      });
    });
    const { result } = await grouper.group({
      matrix: { participants: participants.length, statements: statements.length, cells },
      sectors: participants.map((participant) => participant.sector),
    });
    const statementVotes = statements.map((statement, column) => viewOf(statement, columns[column], "").votes);
    return { roomId: roomId.toHexString(), statements, statementVotes, participants, grouping: result };
  }

  async function loadShownStatement(statementId: string): Promise<OpinionStatementDoc> {
    const statement = Types.ObjectId.isValid(statementId)
      ? await OpinionStatement.findById(statementId).lean<OpinionStatementDoc>()
      : null;
    if (!statement || statement.hidden) throw appError("OPINION_STATEMENT_NOT_FOUND", "no such statement");
    return statement;
  }

  return {
    async createStatement({ user, roomId, text }) {
      const { room, membership } = await loadRoomAccess(ctx, { roomId, userId: user._id, action: "opinion.write" });
      const created = await OpinionStatement.create({
        roomId: room._id,
        authorId: user._id,
        text,
        sector: membership.sector,
        createdAt: ctx.now(),
        hidden: false,
      });
      changed(room._id.toHexString());
      return { statement: created.toObject() as OpinionStatementDoc, votes: emptyCounts(), myVote: null };
    },

    async listStatements({ user, roomId }) {
      const { room } = await loadRoomAccess(ctx, { roomId, userId: user._id, action: "opinion.view" });
      const [statements, votes] = await Promise.all([shownStatements(room._id), roomVotes(room._id)]);
      const latest = latestVotes(votes);
      const callerId = user._id.toHexString();
      return statements.map((statement) => viewOf(statement, latest.get(statement._id.toHexString()), callerId));
    },

    async castVote({ user, statementId, vote }) {
      const statement = await loadShownStatement(statementId);
      const { membership } = await loadRoomAccess(ctx, {
        roomId: statement.roomId.toHexString(),
        userId: user._id,
        action: "opinion.vote",
      });
      await StatementVote.create({
        statementId: statement._id,
        roomId: statement.roomId,
        voterId: user._id,
        sector: membership.sector,
        vote,
        at: ctx.now(),
      });
      changed(statement.roomId.toHexString());
      const votes = await StatementVote.find({ roomId: statement.roomId, statementId: statement._id }).lean<
        StatementVoteDoc[]
      >();
      return viewOf(statement, latestVotes(votes).get(statement._id.toHexString()), user._id.toHexString());
    },

    async hideStatement({ user, statementId }) {
      const statement = await loadShownStatement(statementId);
      // As with a comment: any member may take back what they wrote, observers included.
      await loadRoomAccess(ctx, { roomId: statement.roomId.toHexString(), userId: user._id, action: "message.delete" });
      if (!ownsMessage({ userId: user._id.toHexString() }, { authorId: statement.authorId.toHexString() })) {
        throw appError("NOT_YOUR_MESSAGE", "only its author can take back a statement");
      }
      // By _id alone (FerretDB v1.24 scans for any other filter); hiding twice is the same.
      await OpinionStatement.updateOne({ _id: statement._id }, { $set: { hidden: true } });
      changed(statement.roomId.toHexString());
    },

    async groups({ user, roomId }) {
      const { room } = await loadRoomAccess(ctx, { roomId, userId: user._id, action: "opinion.view" });
      const key = room._id.toHexString();
      const generation = generations.get(key) ?? 0;
      // The room's setting as it is now, not as it was when the grouping was computed.
      const secret = room.secretBallots ?? false;
      const hit = cached.get(key);
      const now = ctx.now().getTime();
      if (hit && hit.generation === generation && now - hit.computedAt < groupsMaxAgeMs) {
        return { ...(await hit.groups), secret };
      }
      const groups = computeGroups(room._id);
      cached.set(key, { generation, computedAt: now, groups });
      try {
        return { ...(await groups), secret };
      } catch (error) {
        // A failed grouping is not kept: the next read tries again.
        if (cached.get(key)?.groups === groups) cached.delete(key);
        throw error;
      }
    },

    warm: () => grouper.warm(),
    close: () => grouper.close(),
  };
}
