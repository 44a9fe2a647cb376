// React lifetime of a ProposalSync: one per proposal while mounted, opened after every (re)join of the room.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { LiveSocket } from "../realtime/liveConnection.ts";
import { ProposalSync, type ProposalSyncState } from "./ProposalSync.ts";

const noState: ProposalSyncState = { opened: false, synced: false, unsaved: 0, refused: null, openError: null };
const noSubscription = () => () => undefined;

export function useProposalSync(
  socket: LiveSocket | null,
  proposalId: string,
  userId: string,
  /** The room join this sync opens on; null while the room is not joined. */
  roomGeneration: number | null,
): { sync: ProposalSync | null; state: ProposalSyncState } {
  const [sync, setSync] = useState<ProposalSync | null>(null);

  useEffect(() => {
    if (!socket) return;
    const created = new ProposalSync(socket, proposalId, userId);
    setSync(created);
    return () => {
      created.destroy();
      setSync(null);
    };
  }, [socket, proposalId, userId]);

  useEffect(() => {
    if (sync && roomGeneration !== null) void sync.open();
  }, [sync, roomGeneration]);

  const state = useSyncExternalStore(sync?.subscribe ?? noSubscription, sync?.getState ?? (() => noState));
  return { sync, state };
}
