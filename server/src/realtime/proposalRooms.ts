// Which room each proposal belongs to (proposals never move), so an edit is authorized without a query.
// An entry lives as long as its room's channel has a socket on this process: socket.io's "delete-room"
// (the last local socket left the channel) drops the room's proposals, so the map holds the rooms in use
// here, not every proposal ever opened.
import { type LiveServer, roomChannel } from "./types.ts";

const channelPrefix = roomChannel("");

export class ProposalRooms {
  private readonly roomOf = new Map<string, string>();
  private readonly proposalsOf = new Map<string, Set<string>>();

  constructor(private readonly io: LiveServer) {
    io.of("/").adapter.on("delete-room", (channel: string) => {
      if (channel.startsWith(channelPrefix)) this.forgetRoom(channel.slice(channelPrefix.length));
    });
  }

  get size(): number {
    return this.roomOf.size;
  }

  get(proposalId: string): string | undefined {
    return this.roomOf.get(proposalId);
  }

  /** Remembers a proposal's room while a socket here is in the room's channel; otherwise nothing would release it. */
  remember(proposalId: string, roomId: string): void {
    if (this.roomOf.get(proposalId) === roomId || !this.io.of("/").adapter.rooms.has(roomChannel(roomId))) return;
    this.roomOf.set(proposalId, roomId);
    const proposals = this.proposalsOf.get(roomId);
    if (proposals) proposals.add(proposalId);
    else this.proposalsOf.set(roomId, new Set([proposalId]));
  }

  private forgetRoom(roomId: string): void {
    for (const proposalId of this.proposalsOf.get(roomId) ?? []) this.roomOf.delete(proposalId);
    this.proposalsOf.delete(roomId);
  }
}
