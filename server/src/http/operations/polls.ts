// Polls over HTTP. Ballots also arrive over the socket ("poll:ballot"); both call the same command.
import { contract } from "@mufakat/shared";
import { type Polling, closePoll, listPolls, loadPollForMember, openPoll } from "../../commands/polls.ts";
import { memberVoter } from "../../commands/voting.ts";
import { findMembership } from "../../commands/loadRoomAccess.ts";
import type { AppContext } from "../../context.ts";
import type { MemberRole } from "@mufakat/shared";
import type { UserDoc } from "../../models/index.ts";
import type { PollDoc } from "../../models/polls.ts";
import { presentPoll } from "../../presenters/polls.ts";
import { type Operation, defineOperation } from "../operation.ts";

export function pollOperations(ctx: AppContext, polling: Polling): Operation[] {
  const present = async (poll: PollDoc, user: UserDoc, role?: MemberRole | null) => {
    const known =
      role !== undefined
        ? role
        : (((await findMembership(ctx, poll.roomId, user._id))?.role ?? null) as MemberRole | null);
    return presentPoll(await polling.view(poll, user, known), user._id.toHexString());
  };

  return [
    defineOperation(contract.openPoll)({
      async handle({ user, params, body }) {
        const poll = await openPoll(ctx, { user, roomId: params.roomId ?? "", input: body });
        return { status: 201, body: await present(poll, user) };
      },
    }),
    defineOperation(contract.listPolls)({
      async handle({ user, params }) {
        const polls = await listPolls(ctx, { user, roomId: params.roomId ?? "" });
        const first = polls[0];
        const role = first
          ? (((await findMembership(ctx, first.roomId, user._id))?.role ?? null) as MemberRole | null)
          : null;
        return { status: 200, body: await Promise.all(polls.map((poll) => present(poll, user, role))) };
      },
    }),
    defineOperation(contract.getPoll)({
      async handle({ user, params }) {
        const { poll, role } = await loadPollForMember(ctx, { user, pollId: params.pollId ?? "" });
        return { status: 200, body: await present(poll, user, role) };
      },
    }),
    defineOperation(contract.castPollBallot)({
      async handle({ user, params, body }) {
        return { status: 200, body: await polling.castBallot(memberVoter(ctx, user), params.pollId ?? "", body) };
      },
    }),
    defineOperation(contract.closePoll)({
      async handle({ user, params }) {
        const poll = await closePoll(ctx, { pollId: params.pollId ?? "", reason: "coordinator", closedBy: user });
        return { status: 200, body: await present(poll, user) };
      },
    }),
  ];
}
