// Shapes polls for the wire, keeping secret ballots secret: the result is counts per sector; who answered
// what is listed only for a named poll.
import { type Poll, type Sector, motionAbilities } from "@mufakat/shared";
import type { PollView } from "../commands/polls.ts";
import { formerUser, presentPublicUser } from "./users.ts";

export function presentPoll(view: PollView, viewerId: string): Poll {
  const { poll } = view;
  const abilities = motionAbilities(
    { userId: viewerId, role: view.role },
    { status: poll.status as Poll["status"], eligibleMemberIds: poll.eligible.map((member) => member.memberId) },
  );
  return {
    id: poll._id.toHexString(),
    roomId: poll.roomId.toHexString(),
    kind: poll.kind as Poll["kind"],
    title: poll.title,
    options: poll.options.map(({ id, label }) => ({ id, label })),
    method: (poll.method ?? null) as Poll["method"],
    maxScore: poll.maxScore ?? null,
    dots: poll.dots ?? null,
    quorum: poll.quorum as Poll["quorum"],
    secretBallot: poll.secretBallot,
    status: poll.status as Poll["status"],
    openedBy: view.openedBy ? presentPublicUser(view.openedBy) : formerUser(poll.openedBy.toHexString()),
    openedAt: poll.openedAt.toISOString(),
    deadline: poll.deadline.toISOString(),
    closedAt: poll.closedAt?.toISOString() ?? null,
    result: view.result,
    ballots: view.answers.map((answer) => ({
      memberId: answer.memberId,
      displayName: view.displayNames.get(answer.memberId) ?? "(former member)",
      sector: answer.sector as Sector,
      answer: answer.answer,
    })),
    myAnswer: view.myAnswer,
    decisionSeq: poll.decisionSeq ?? null,
    abilities: { vote: abilities.vote, close: abilities.closeMotion },
  };
}
