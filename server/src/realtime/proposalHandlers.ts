// Proposals live: create / list / rename, open (Yjs sync steps 1 and 2), edits (through the document hub's
// pipeline: relayed to this process's viewers once validated, acknowledged once stored), awareness relay,
// and named versions with diffs. What a socket holds across events is its ClientConnection.
import { limits } from "@mufakat/shared";
import type { Types } from "mongoose";
import { createProposal } from "../commands/createProposal.ts";
import { loadProposal } from "../commands/loadProposal.ts";
import { listProposals } from "../commands/listProposals.ts";
import { diffProposalVersions, listProposalVersions, saveProposalVersion } from "../commands/proposalVersions.ts";
import { renameProposal } from "../commands/renameProposal.ts";
import { encodeAwarenessEntries, parseAwarenessUpdate, readAwarenessEntries } from "../collaboration/yjsUpdates.ts";
import { appError } from "../errors.ts";
import { presentProposal, presentProposalVersion } from "../presenters/proposals.ts";
import { presentPublicUser } from "../presenters/users.ts";
import { type SessionGuard, handleEvent } from "./dispatch.ts";
import { type ClientConnection, joinedRoom } from "./clientConnection.ts";
import { type LiveSocket, type RealtimeDeps, proposalChannel, roomChannel } from "./types.ts";

export function installProposalHandlers(
  deps: RealtimeDeps & { sessionGuard: SessionGuard; broadcastPresence: (roomId: string) => void },
  socket: LiveSocket,
  client: ClientConnection,
): void {
  const { ctx, hub } = deps;
  const userId = () => client.userId;

  handleEvent(deps, socket, "proposal:create", async ({ roomId, title }) => {
    joinedRoom(socket, roomId);
    const proposal = await createProposal(ctx, { userId: userId(), roomId, title });
    deps.proposalRooms.remember(proposal._id.toHexString(), roomId);
    const presented = presentProposal(proposal);
    socket.to(roomChannel(roomId)).emit("proposal:created", presented);
    return presented;
  });

  handleEvent(deps, socket, "proposal:list", async ({ roomId }) => {
    const proposals = await listProposals(ctx, { userId: userId(), roomId });
    return proposals.map(presentProposal);
  });

  handleEvent(deps, socket, "proposal:rename", async ({ proposalId, title }) => {
    const roomId = await client.proposalRoom(proposalId);
    const proposal = presentProposal(await renameProposal(ctx, { userId: userId(), proposalId, title }));
    socket.to(roomChannel(roomId)).emit("proposal:changed", proposal);
    return proposal;
  });

  handleEvent(deps, socket, "proposal:open", async ({ proposalId, stateVector }) => {
    // From the room's cached list when this process knows the room (a reconnect, a second tab): no read.
    const knownRoom = deps.proposalRooms.get(proposalId);
    const proposal =
      (knownRoom && deps.roomStates.peek(knownRoom)?.cachedProposal(proposalId)) ||
      (await loadProposal(ctx, { proposalId }));
    const roomId = proposal.roomId.toHexString();
    deps.proposalRooms.remember(proposalId, roomId);
    const entry = joinedRoom(socket, roomId);
    const wasOpen = client.opened.has(proposalId);
    const connection = await hub.open(proposalId, socket.id);
    if (socket.disconnected) {
      // Gone while the document loaded: "disconnecting" already ran, so release it here.
      connection.close();
      throw appError("NOT_IN_ROOM", "the connection closed while the proposal was opening");
    }
    // Reply and join in one synchronous step: every later update reaches this socket as a broadcast.
    let reply: ReturnType<typeof connection.document.syncReply>;
    try {
      reply = connection.document.syncReply(stateVector);
    } catch (error) {
      // A refused re-open leaves the proposal open as it was.
      if (!wasOpen) connection.close();
      throw error;
    }
    client.opened.set(proposalId, { connection, roomId });
    void socket.join(proposalChannel(proposalId));
    entry.viewing = proposalId;
    deps.broadcastPresence(roomId);
    return {
      proposal: presentProposal(proposal),
      update: reply.update,
      stateVector: reply.stateVector,
      awareness: connection.document.awarenessSnapshot(),
    };
  });

  handleEvent(deps, socket, "proposal:close", async ({ proposalId }) => {
    if (socket.rooms.has(proposalChannel(proposalId))) {
      const roomId = client.closeProposal(proposalId);
      await socket.leave(proposalChannel(proposalId));
      const entry = roomId ? socket.data.rooms[roomId] : undefined;
      if (roomId && entry && entry.viewing === proposalId) {
        entry.viewing = null;
        deps.broadcastPresence(roomId);
      }
    }
    return { proposalId };
  });

  handleEvent(deps, socket, "proposal:update", async ({ proposalId, update, clientUpdateId }) => {
    if (!client.edits.take()) {
      throw appError("RATE_LIMITED", `at most ${limits.editsPerSecond} edits per second; resend this one shortly`, {
        limit: limits.editsPerSecond,
      });
    }
    // Authorized, validated, stored, relayed: the sequence of DocumentHub.edit. Only the ack waits for the disk.
    const { logId } = await hub.edit(client, proposalId, update);
    return { proposalId, clientUpdateId: clientUpdateId ?? null, logId: logId ? logId.toHexString() : null };
  });

  handleEvent(deps, socket, "proposal:awareness", async ({ proposalId, update }) => {
    if (!client.awarenessUpdates.take()) {
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
    const opened = client.opened.get(proposalId);
    const sector = opened ? socket.data.rooms[opened.roomId]?.sector : undefined;
    for (const entry of entries) {
      const owner = opened?.connection.document.awarenessOwner(entry.clientId) ?? null;
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
    if (!(opened ? opened.connection.applyAwareness(stamped) : parseAwarenessUpdate(stamped).ok)) {
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
    const roomId = await client.proposalRoom(proposalId);
    await client.authorizeWrite(roomId);
    const version = await saveProposalVersion(ctx, { hub, userId: userId(), proposalId, name });
    const presented = presentProposalVersion(version, await authorOf(version.createdBy));
    socket.to(roomChannel(roomId)).emit("version:saved", presented);
    return presented;
  });

  handleEvent(deps, socket, "version:list", async ({ proposalId }) => {
    await client.proposalRoom(proposalId);
    const versions = await listProposalVersions(ctx, { userId: userId(), proposalId });
    const authors = new Map<string, Awaited<ReturnType<typeof authorOf>>>();
    for (const version of versions) {
      const key = version.createdBy.toHexString();
      if (!authors.has(key)) authors.set(key, await authorOf(version.createdBy));
    }
    return versions.map((version) => presentProposalVersion(version, authors.get(version.createdBy.toHexString())));
  });

  handleEvent(deps, socket, "version:diff", async ({ proposalId, from, to }) => {
    await client.proposalRoom(proposalId);
    return diffProposalVersions(ctx, { hub, userId: userId(), proposalId, from, to });
  });
}
