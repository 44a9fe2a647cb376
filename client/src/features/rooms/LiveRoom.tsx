// The live part of a room, laid out for a session: the proposals and the open proposal's editor at the
// centre; beside it a side panel with the discussion (the proposal's comments and the room chat), the
// motion, the versions and the people; an offline banner above both.
import type { MentionCandidate, RoomDetail, User } from "@mufakat/shared";
import type { Editor } from "@tiptap/react";
import { type ReactNode, useCallback, useMemo, useRef } from "react";
import { useSession } from "../../api/useSession.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useT } from "../../i18n/I18nProvider.tsx";
import type { RoomChannel } from "../../realtime/index.ts";
import { CommentsPanel, selectionAnchor } from "../discussion/CommentsPanel.tsx";
import { RoomChat } from "../discussion/RoomChat.tsx";
import { DelegationPanel } from "../delegations/DelegationPanel.tsx";
import { MotionPanel } from "../motions/MotionPanel.tsx";
import { EditorSkeleton } from "../proposals/EditorSkeleton.tsx";
import { ProposalList } from "../proposals/ProposalList.tsx";
import { ProposalView } from "../proposals/ProposalView.tsx";
import { VersionsPanel } from "../proposals/VersionsPanel.tsx";
import { LiveStatusBanner } from "./LiveStatusBanner.tsx";
import { RoomSidePanel } from "./RoomSidePanel.tsx";

interface LiveRoomProps {
  room: RoomDetail;
  channel: RoomChannel;
  proposalId: string | null;
  /** The people tab: members by sector, which the room page renders (it needs no live connection). */
  people: ReactNode;
}

export function LiveRoom({ room, channel, proposalId, people }: LiveRoomProps) {
  const session = useSession();
  const members = useMemo(() => mentionCandidates(room), [room]);
  if (session.state !== "signed-in") return null;
  return (
    <section className="live-room" data-testid="live-room">
      <LiveStatusBanner status={channel.status} />
      <LiveRoomBody
        room={room}
        channel={channel}
        proposalId={proposalId}
        people={people}
        me={session.user}
        members={members}
      />
    </section>
  );
}

function LiveRoomBody({
  room,
  channel,
  proposalId,
  people,
  me,
  members,
}: LiveRoomProps & { me: User; members: MentionCandidate[] }) {
  const t = useT();
  const { socket, status, room: joined } = channel;
  const editorRef = useRef<Editor | null>(null);
  const onEditor = useCallback((editor: Editor | null) => {
    editorRef.current = editor;
  }, []);
  const selection = useCallback(() => {
    const editor = editorRef.current;
    if (!editor) return null;
    const { from, to } = editor.state.selection;
    return selectionAnchor(from, to, editor.state.doc.textBetween(from, to, "\n"));
  }, []);

  if (!socket || joined.state === "joining") {
    return (
      <div className="room-layout">
        <div className="room-main">
          {/* The proposal list's place (taller for a member who may create proposals), so the panels
              below do not move when the join answers. */}
          <div
            className={
              room.abilities.post ? "skeleton-block skeleton-proposals writer" : "skeleton-block skeleton-proposals"
            }
            aria-hidden="true"
          />
          <EditorSkeleton />
        </div>
        <RoomSidePanel panels={{ discussion: <Loading />, motion: <Loading />, versions: <Loading />, people }} />
      </div>
    );
  }
  if (joined.state === "failed") {
    return (
      <div className="room-layout">
        <div className="room-main">
          <ErrorMessage error={joined.error} testId="room-join-error" />
        </div>
        <RoomSidePanel panels={{ discussion: null, motion: null, versions: null, people }} />
      </div>
    );
  }
  const canWrite = joined.abilities.post;
  const open = joined.proposals.find((proposal) => proposal.id === proposalId) ?? null;
  return (
    <div className="room-layout">
      <div className="room-main">
        <ProposalList
          socket={socket}
          roomId={room.id}
          proposals={joined.proposals}
          presence={joined.presence}
          selectedId={open?.id ?? null}
          canWrite={canWrite}
          onSaved={channel.upsertProposal}
        />
        {open ? (
          <ProposalView
            key={open.id}
            socket={socket}
            status={status}
            proposal={open}
            me={me}
            abilities={joined.abilities}
            members={members}
            roomGeneration={joined.generation}
            onEditor={onEditor}
          />
        ) : (
          // Nothing to choose yet: the proposal list above already says how to create the first one.
          joined.proposals.length > 0 && (
            <p className="empty empty-editor" data-testid="no-proposal-open">
              {proposalId ? t("error.PROPOSAL_NOT_FOUND") : t("proposal.choose")}
            </p>
          )
        )}
      </div>
      <RoomSidePanel
        panels={{
          discussion: (
            <>
              {open && (
                <CommentsPanel
                  key={open.id}
                  socket={socket}
                  proposalId={open.id}
                  members={members}
                  myId={me.id}
                  canWrite={canWrite}
                  generation={joined.generation}
                  selection={selection}
                />
              )}
              <RoomChat
                socket={socket}
                roomId={room.id}
                members={members}
                myId={me.id}
                canWrite={canWrite}
                generation={joined.generation}
              />
            </>
          ),
          motion: (
            <>
              {open ? (
                <MotionPanel key={open.id} roomId={room.id} proposalId={open.id} />
              ) : (
                <p className="empty" data-testid="motion-no-proposal">
                  {t("room.side.motionNoProposal")}
                </p>
              )}
              <DelegationPanel roomId={room.id} />
            </>
          ),
          versions: open ? (
            <VersionsPanel
              key={open.id}
              socket={socket}
              proposalId={open.id}
              generation={joined.generation}
              canWrite={canWrite}
            />
          ) : (
            <p className="empty" data-testid="versions-no-proposal">
              {t("room.side.versionsNoProposal")}
            </p>
          ),
          people,
        }}
      />
    </div>
  );
}

function mentionCandidates(room: RoomDetail): MentionCandidate[] {
  return Object.values(room.membersBySector).flatMap((members) =>
    (members ?? []).map((member) => ({ id: member.user.id, displayName: member.user.displayName })),
  );
}
