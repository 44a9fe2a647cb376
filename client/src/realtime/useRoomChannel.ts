// A room joined live while the component is mounted: joined on mount and again after every reconnect, left
// on unmount; presence and the proposal list kept current from the room's events, in the server-state
// cache (queryKeys.roomChannel), dropped when the last component showing it goes.
import {
  type MemberRole,
  type PresenceChange,
  type PresenceMember,
  type Proposal,
  type RoomAbilities,
  applyPresenceChange,
} from "@mufakat/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import type { ApiError } from "../api/ApiError.ts";
import { toApiError } from "../api/queryClient.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { lastJoin, saveLastJoin } from "./lastJoin.ts";
import { type LiveSocket, type LiveStatus, liveConnection } from "./liveConnection.ts";
import { liveRequest } from "./liveRequest.ts";
import { useLiveSocket } from "./useLiveSocket.ts";

export type RoomChannelState =
  | { state: "joining" }
  | { state: "failed"; error: ApiError }
  | {
      state: "joined";
      role: MemberRole;
      abilities: RoomAbilities;
      presence: PresenceMember[];
      proposals: Proposal[];
      /**
       * Counts joins: it changes after every reconnect, when proposals must be opened again. 0: not joined
       * yet, shown from the last join this device kept, because there is no network.
       */
      generation: number;
    };

export interface RoomChannel {
  socket: LiveSocket | null;
  status: LiveStatus;
  room: RoomChannelState;
  /** Puts a proposal this client created or renamed into the list (the server tells only the others). */
  upsertProposal(proposal: Proposal): void;
}

function upsert(proposals: Proposal[], proposal: Proposal): Proposal[] {
  const index = proposals.findIndex((p) => p.id === proposal.id);
  if (index === -1) return [...proposals, proposal];
  return proposals.map((p) => (p.id === proposal.id ? proposal : p));
}

const joining: RoomChannelState = { state: "joining" };

export function useRoomChannel(roomId: string): RoomChannel {
  const { socket, status } = useLiveSocket();
  const queryClient = useQueryClient();
  // Filled by the join's answer and the room's events, never fetched: nothing to refetch, and gone with
  // its last viewer, so the next visit starts by joining again.
  const { data: room } = useQuery({
    queryKey: queryKeys.roomChannel(roomId),
    queryFn: () => joining,
    initialData: joining,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const setRoom = useCallback(
    (next: RoomChannelState | ((current: RoomChannelState) => RoomChannelState)) =>
      queryClient.setQueryData<RoomChannelState>(queryKeys.roomChannel(roomId), (current) =>
        typeof next === "function" ? next(current ?? joining) : next,
      ),
    [queryClient, roomId],
  );

  const update = useCallback(
    (change: (joined: Extract<RoomChannelState, { state: "joined" }>) => RoomChannelState) => {
      setRoom((current) => (current.state === "joined" ? change(current) : current));
    },
    [setRoom],
  );

  useEffect(() => {
    if (!socket) return;
    const connection = liveConnection();
    connection.retainRoom(roomId);
    let active = true;
    const join = () => {
      liveRequest(socket, "room:join", { roomId }).then(
        (joined) => {
          if (!active) return;
          setRoom((current) => ({
            state: "joined",
            role: joined.role,
            abilities: joined.abilities,
            presence: joined.presence,
            proposals: joined.proposals,
            generation: current.state === "joined" ? current.generation + 1 : 1,
          }));
        },
        (error: unknown) => {
          if (active && socket.connected) setRoom({ state: "failed", error: toApiError(error) });
        },
      );
    };
    const onPresence = (change: PresenceChange) => {
      if (change.roomId === roomId)
        update((joined) => ({ ...joined, presence: applyPresenceChange(joined.presence, change) }));
    };
    const onProposal = (proposal: Proposal) => {
      if (proposal.roomId === roomId)
        update((joined) => ({ ...joined, proposals: upsert(joined.proposals, proposal) }));
    };
    // No network and not joined yet: show the room as this device last saw it, until the join answers.
    const showLastJoin = () => {
      const saved = lastJoin(roomId);
      if (saved)
        setRoom((current) =>
          current.state === "joining" ? { state: "joined", ...saved, presence: [], generation: 0 } : current,
        );
    };
    if (!socket.connected && typeof navigator !== "undefined" && navigator.onLine === false) showLastJoin();
    window.addEventListener("offline", showLastJoin);
    socket.on("connect", join);
    socket.on("presence:update", onPresence);
    socket.on("proposal:created", onProposal);
    socket.on("proposal:changed", onProposal);
    if (socket.connected) join();
    return () => {
      active = false;
      window.removeEventListener("offline", showLastJoin);
      socket.off("connect", join);
      socket.off("presence:update", onPresence);
      socket.off("proposal:created", onProposal);
      socket.off("proposal:changed", onProposal);
      connection.releaseRoom(roomId);
    };
  }, [socket, roomId, update, setRoom]);

  // Saved when what it keeps changes, not on every presence event: in a town hall presence moves many times
  // a second, and each save serialises every proposal into localStorage on the main thread.
  const joined = room.state === "joined" && room.generation > 0 ? room : null;
  const role = joined?.role;
  const abilities = joined?.abilities;
  const proposals = joined?.proposals;
  useEffect(() => {
    if (role && abilities && proposals) saveLastJoin(roomId, { role, abilities, proposals });
  }, [roomId, role, abilities, proposals]);

  const upsertProposal = useCallback(
    (proposal: Proposal) => update((joined) => ({ ...joined, proposals: upsert(joined.proposals, proposal) })),
    [update],
  );
  return { socket, status, room, upsertProposal };
}
