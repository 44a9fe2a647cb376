// Proposals live: create / list / rename, open (Yjs sync steps 1 and 2), edits (relayed to this process's
// viewers once validated, acknowledged once stored), awareness relay, and named versions with diffs.
import { loadActiveUser } from "../commands/authenticateUser.ts";
import { limits, roomRefusal } from "@mufakat/shared";
import { Types } from "mongoose";
import { createProposal } from "../commands/createProposal.ts";
import { loadProposal } from "../commands/loadProposal.ts";
import { loadRoomAccess } from "../commands/loadRoomAccess.ts";
import { listProposals } from "../commands/listProposals.ts";
import { diffProposalVersions, listProposalVersions, saveProposalVersion } from "../commands/proposalVersions.ts";
import { renameProposal } from "../commands/renameProposal.ts";
import { encodeAwarenessEntries, readAwarenessEntries } from "../collaboration/yjsUpdates.ts";
import { appError } from "../errors.ts";
import { presentProposal, presentProposalVersion } from "../presenters/proposals.ts";
import { presentPublicUser } from "../presenters/users.ts";
import { type SessionGuard, handleEvent } from "./dispatch.ts";
import { TokenBucket } from "./rateLimit.ts";
import { joinedRoom } from "./roomHandlers.ts";
import { type LiveSocket, type RealtimeDeps, proposalChannel, roomChannel } from "./types.ts";

export function installProposalHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard; broadcastPresence: (roomId: string) => void },
  socket: LiveSocket,
): void {
  const { ctx, hub, io } = deps;
  const userId = () => new Types.ObjectId(socket.data.userId);
  const edits = new TokenBucket(limits.editsPerSecond);
  const awarenessBucket = new TokenBucket(limits.awarenessPerSecond);

  /** The room of a proposal, which this socket must have joined. */
  async function proposalRoom(proposalId: string): Promise<string> {
    let roomId = deps.proposalRooms.get(proposalId);
    if (!roomId) {
      const proposal = await loadProposal(ctx, { proposalId });
      roomId = proposal.roomId.toHexString();
      deps.proposalRooms.set(proposalId, roomId);
    }
    joinedRoom(socket, roomId);
    return roomId;
  }

  /** The membership re-read in flight per room. */
  const roleChecks = new Map<string, Promise<void>>();

  /** Re-reads this socket's membership and ban state; a socket no longer a member leaves the room. */
  function recheckRole(roomId: string): Promise<void> {
    const entry = joinedRoom(socket, roomId);
    const check = (async () => {
      try {
        const access = await loadRoomAccess(ctx, { roomId, userId: userId(), action: "room.view" });
        // A user banned (or deleted) since connecting loses write access at the same recheck.
        await loadActiveUser(ctx, userId());
        entry.role = access.role;
        entry.roleReadAt = ctx.now().getTime();
      } catch (error) {
        // No longer a member (or the room is gone): the socket leaves the room.
        delete socket.data.rooms[roomId];
        void socket.leave(roomChannel(roomId));
        deps.broadcastPresence(roomId);
        throw error;
      } finally {
        roleChecks.delete(roomId);
      }
    })();
    roleChecks.set(roomId, check);
    return check;
  }

  /**
   * Refuses writes by roles that may not write. The role is re-read once it is roleRecheckMs old: in the
   * background while it is younger than twice that (the edit goes on with the role just known, so a busy
   * editor's edits never queue behind the database), and before the write once it is older (a socket that
   * has been quiet). A removed member can so write for at most about 2 × roleRecheckMs after the removal.
   */
  async function authorizeWrite(roomId: string): Promise<void> {
    const entry = joinedRoom(socket, roomId);
    const age = ctx.now().getTime() - entry.roleReadAt;
    let check = roleChecks.get(roomId);
    if (!check && age >= deps.roleRecheckMs) {
      check = recheckRole(roomId);
      // A background re-read that refuses has already taken the socket out of the room; nothing waits for it.
      check.catch(() => undefined);
    }
    // Waiting edits keep their order: each waits for the same re-read, and none overtakes another.
    if (check && age >= 2 * deps.roleRecheckMs) await check;
    joinedRoom(socket, roomId);
    const refusal = roomRefusal("proposal.edit", entry.role);
    if (refusal) throw appError(refusal, "observers can read but not write");
  }

  handleEvent(deps, socket, "proposal:create", async ({ roomId, title }) => {
    joinedRoom(socket, roomId);
    const proposal = await createProposal(ctx, { userId: userId(), roomId, title });
    deps.proposalRooms.set(proposal._id.toHexString(), roomId);
    const presented = presentProposal(proposal);
    socket.to(roomChannel(roomId)).emit("proposal:created", presented);
    return presented;
  });

  handleEvent(deps, socket, "proposal:list", async ({ roomId }) => {
    const proposals = await listProposals(ctx, { userId: userId(), roomId });
    return proposals.map(presentProposal);
  });

  handleEvent(deps, socket, "proposal:rename", async ({ proposalId, title }) => {
    const roomId = await proposalRoom(proposalId);
    const proposal = presentProposal(await renameProposal(ctx, { userId: userId(), proposalId, title }));
    socket.to(roomChannel(roomId)).emit("proposal:changed", proposal);
    return proposal;
  });

  handleEvent(deps, socket, "proposal:open", async ({ proposalId, stateVector }) => {
    const proposal = await loadProposal(ctx, { proposalId });
    const roomId = proposal.roomId.toHexString();
    deps.proposalRooms.set(proposalId, roomId);
    const entry = joinedRoom(socket, roomId);
    const live = await hub.open(proposal._id, socket.id);
    if (socket.disconnected) {
      // Gone while the document loaded: "disconnecting" already ran, so release it here.
      hub.close(proposalId, socket.id);
      throw appError("NOT_IN_ROOM", "the connection closed while the proposal was opening");
    }
    // Reply and join in one synchronous step: every later update reaches this socket as a broadcast.
    let reply: ReturnType<typeof hub.syncReply>;
    try {
      reply = hub.syncReply(live, stateVector);
    } catch (error) {
      hub.close(proposalId, socket.id);
      throw error;
    }
    void socket.join(proposalChannel(proposalId));
    entry.viewing = proposalId;
    deps.broadcastPresence(roomId);
    return {
      proposal: presentProposal(proposal),
      update: reply.update,
      stateVector: reply.stateVector,
      awareness: hub.awarenessSnapshot(live),
    };
  });

  handleEvent(deps, socket, "proposal:close", async ({ proposalId }) => {
    if (socket.rooms.has(proposalChannel(proposalId))) {
      hub.close(proposalId, socket.id);
      await socket.leave(proposalChannel(proposalId));
      const roomId = deps.proposalRooms.get(proposalId);
      const entry = roomId ? socket.data.rooms[roomId] : undefined;
      if (roomId && entry && entry.viewing === proposalId) {
        entry.viewing = null;
        deps.broadcastPresence(roomId);
      }
    }
    return { proposalId };
  });

  handleEvent(deps, socket, "proposal:update", async ({ proposalId, update, clientUpdateId }) => {
    if (!edits.take()) {
      throw appError("RATE_LIMITED", `at most ${limits.editsPerSecond} edits per second; resend this one shortly`, {
        limit: limits.editsPerSecond,
      });
    }
    const roomId = await proposalRoom(proposalId);
    await authorizeWrite(roomId);
    // Valid, its store under way: the viewers here need not wait for the disk. Only the ack waits for it.
    const relayToViewers = () => deps.viewerRelay.relay(proposalId, update, socket.id);
    const { logId } = await hub.storeUpdate(
      { proposalId: new Types.ObjectId(proposalId), update, userId: userId() },
      relayToViewers,
    );
    if (logId && deps.multiProcess) {
      // Stored: other processes apply it to their copy (which holds stored updates only) and relay it to theirs.
      io.serverSideEmit("collab:update", proposalId, Buffer.from(update).toString("base64"));
    }
    return { proposalId, clientUpdateId: clientUpdateId ?? null, logId: logId ? logId.toHexString() : null };
  });

  handleEvent(deps, socket, "proposal:awareness", async ({ proposalId, update }) => {
    if (!awarenessBucket.take()) {
      throw appError("RATE_LIMITED", `at most ${limits.awarenessPerSecond} awareness updates per second`);
    }
    if (update.byteLength > limits.awarenessUpdateBytes) {
      throw appError("UPDATE_TOO_LARGE", `update: at most ${limits.awarenessUpdateBytes} bytes`, {
        limit: limits.awarenessUpdateBytes,
        bytes: update.byteLength,
      });
    }
    if (!socket.rooms.has(proposalChannel(proposalId))) {
      throw appError("NOT_IN_ROOM", "open the proposal (proposal:open) first");
    }
    const entries = readAwarenessEntries(update);
    if (!entries) throw appError("MALFORMED_UPDATE", "update: not a valid awareness update");
    // A caret speaks for its socket only: another connection's client id is refused, and the name and
    // sector shown on it are the server's, so no one can put someone else's name on a caret.
    const roomId = deps.proposalRooms.get(proposalId);
    const sector = roomId ? socket.data.rooms[roomId]?.sector : undefined;
    for (const entry of entries) {
      const owner = hub.awarenessOwner(proposalId, entry.clientId);
      if (owner && owner !== socket.id) {
        throw appError("FORBIDDEN", "update: that awareness client id belongs to another connection");
      }
      if (entry.state) {
        const claimed = entry.state.user;
        const user = typeof claimed === "object" && claimed !== null && !Array.isArray(claimed) ? claimed : {};
        entry.state.user = { ...user, name: socket.data.displayName, ...(sector ? { sector } : {}) };
      }
    }
    const stamped = encodeAwarenessEntries(entries);
    if (!hub.applyAwareness(proposalId, socket.id, stamped)) {
      throw appError("MALFORMED_UPDATE", "update: not a valid awareness update");
    }
    socket.to(proposalChannel(proposalId)).emit("proposal:awareness", { proposalId, update: stamped });
    return { proposalId };
  });

  async function authorOf(id: Types.ObjectId) {
    const user = await ctx.models.User.findById(id).lean();
    return user ? presentPublicUser(user) : undefined;
  }

  handleEvent(deps, socket, "version:save", async ({ proposalId, name }) => {
    const roomId = await proposalRoom(proposalId);
    await authorizeWrite(roomId);
    const version = await saveProposalVersion(ctx, { hub, userId: userId(), proposalId, name });
    const presented = presentProposalVersion(version, await authorOf(version.createdBy));
    socket.to(roomChannel(roomId)).emit("version:saved", presented);
    return presented;
  });

  handleEvent(deps, socket, "version:list", async ({ proposalId }) => {
    await proposalRoom(proposalId);
    const versions = await listProposalVersions(ctx, { userId: userId(), proposalId });
    const authors = new Map<string, Awaited<ReturnType<typeof authorOf>>>();
    for (const version of versions) {
      const key = version.createdBy.toHexString();
      if (!authors.has(key)) authors.set(key, await authorOf(version.createdBy));
    }
    return versions.map((version) => presentProposalVersion(version, authors.get(version.createdBy.toHexString())));
  });

  handleEvent(deps, socket, "version:diff", async ({ proposalId, from, to }) => {
    await proposalRoom(proposalId);
    return diffProposalVersions(ctx, { hub, userId: userId(), proposalId, from, to });
  });
}
