// Reads a motion's ballot log straight from the database, as the tests check what was stored: every
// change of position is one record (the `voteevents` collection), and a voter's latest record (by _id) is
// their position.
import { Types, type Connection } from "mongoose";

export interface StoredPosition {
  voterKey: string;
  position: string;
  reason: string | null;
  /** Every clientVoteId this voter's ballots were stored under, oldest first. */
  clientVoteIds: string[];
  /** How many ballots this voter has in the log. */
  ballots: number;
}

/** The ballot log of a motion, oldest first. */
export async function ballotLog(connection: Connection, motionId: string) {
  return connection
    .collection("voteevents")
    .find({ motionId: new Types.ObjectId(motionId) })
    .sort({ _id: 1 })
    .toArray();
}

/** Each voter's current position (their latest ballot), in the order voters first voted. */
export async function storedPositions(connection: Connection, motionId: string): Promise<StoredPosition[]> {
  const byVoter = new Map<string, StoredPosition>();
  for (const record of await ballotLog(connection, motionId)) {
    const voterKey = String(record.voterKey);
    const seen = byVoter.get(voterKey);
    const clientVoteIds = [...(seen?.clientVoteIds ?? []), String(record.clientVoteId)];
    byVoter.set(voterKey, {
      voterKey,
      position: String(record.position),
      reason: (record.reason as string | null) ?? null,
      clientVoteIds,
      ballots: clientVoteIds.length,
    });
  }
  return [...byVoter.values()];
}
