// React lifetime of a proposal's ProposalSession: one per proposal while mounted, its current copy opened
// after every (re)join of the room, and replaced by the session when the server refuses one of its edits.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { LiveSocket } from "../realtime/liveConnection.ts";
import { ProposalSession, type ProposalSessionState } from "./ProposalSession.ts";
import { ProposalSync, type ProposalSyncState } from "./ProposalSync.ts";

const noSyncState: ProposalSyncState = { opened: false, synced: false, unsaved: 0, refused: null, openError: null };
const noSubscription = () => () => undefined;

export interface ProposalSyncView {
  sync: ProposalSync | null;
  state: ProposalSyncState;
  rollingBack: boolean;
  discarded: ProposalSessionState["discarded"];
  dismissDiscarded(): void;
}

export function useProposalSync(
  socket: LiveSocket | null,
  proposalId: string,
  userId: string,
  /** The room join this sync opens on; null while the room is not joined. */
  roomGeneration: number | null,
): ProposalSyncView {
  const [session, setSession] = useState<ProposalSession | null>(null);

  useEffect(() => {
    if (!socket) return;
    const created = new ProposalSession(() => new ProposalSync(socket, proposalId, userId));
    setSession(created);
    return () => {
      created.destroy();
      setSession(null);
    };
  }, [socket, proposalId, userId]);

  useEffect(() => {
    session?.joined(roomGeneration);
  }, [session, roomGeneration]);

  const state = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getState ?? (() => null));
  return {
    sync: state?.sync ?? null,
    state: state?.syncState ?? noSyncState,
    rollingBack: state?.rollingBack ?? false,
    discarded: state?.discarded ?? null,
    dismissDiscarded: () => session?.dismissDiscarded(),
  };
}
