// Shapes opinion statements and a room's opinion groups for the wire. In a room with secret ballots the
// groups keep their sizes, sectors and points, but name nobody except the caller (so they can find
// themselves on the map).
import { type OpinionGroups, type OpinionStatement, type Sector, agreementShare } from "@mufakat/shared";
import type { RoomOpinionGroups, StatementView } from "../commands/opinions.ts";

export function presentOpinionStatement(view: StatementView): OpinionStatement {
  const { statement } = view;
  return {
    id: statement._id.toHexString(),
    roomId: statement.roomId.toHexString(),
    authorId: statement.authorId.toHexString(),
    sector: statement.sector as Sector,
    text: statement.text,
    createdAt: statement.createdAt.toISOString(),
    votes: { ...view.votes },
    myVote: view.myVote,
  };
}

/** "A", "B", …, "Z", "AA", …: a group's name on the page. */
function groupLabel(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : groupLabel(Math.floor(index / 26) - 1) + letter;
}

export function presentOpinionGroups(groups: RoomOpinionGroups, callerId: string): OpinionGroups {
  const { grouping, participants, statements, secret } = groups;
  const shownId = (voterId: string) => (!secret || voterId === callerId ? voterId : null);
  const statementId = (index: number) => statements[index]?._id.toHexString() ?? "";
  const ungrouped = grouping.groupOf.filter((group, row) => group === null && (grouping.votesCast[row] ?? 0) > 0);
  return {
    roomId: groups.roomId,
    statementCount: statements.length,
    participantCount: participants.length,
    groupedCount: grouping.groupOf.filter((group) => group !== null).length,
    minVotesToGroup: grouping.minVotes,
    silhouette: grouping.silhouette,
    groups: grouping.groups.map((group, index) => ({
      id: index,
      label: groupLabel(index),
      size: group.members.length,
      centroid: group.centroid,
      members: secret ? [] : group.members.map((row) => participants[row]?.voterId ?? ""),
      sectors: grouping.sectors.groups[index]!,
    })),
    participants: participants.map((participant, row) => ({
      userId: shownId(participant.voterId),
      isMe: participant.voterId === callerId,
      sector: participant.sector,
      votes: grouping.votesCast[row] ?? 0,
      group: grouping.groupOf[row] ?? null,
      point: grouping.points[row] ?? null,
    })),
    ungrouped: { count: ungrouped.length, sectors: grouping.sectors.ungrouped },
    statements: statements.map((statement, index) => {
      const perGroup = grouping.votes[index] ?? [];
      return {
        statementId: statement._id.toHexString(),
        text: statement.text,
        sector: statement.sector as Sector,
        votes: { ...(groups.statementVotes[index] ?? { agree: 0, disagree: 0, pass: 0 }) },
        groups: perGroup.map((counts) => ({ ...counts, agreementShare: agreementShare(counts) })),
      };
    }),
    consensus: grouping.consensus.map((entry) => ({
      statementId: statementId(entry.statement),
      direction: entry.direction,
      minShare: entry.minShare,
    })),
    divisive: grouping.divisive.map((entry) => ({
      statementId: statementId(entry.statement),
      spread: entry.spread,
      mostAgreeing: entry.mostAgreeing,
      leastAgreeing: entry.leastAgreeing,
    })),
  };
}
