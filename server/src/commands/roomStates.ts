// Each room's state in memory, as a cache of the database: its settings (the room document), its
// memberships (role, sector, organisation per member) and its proposal list. Loaded once per room on first
// need (the room by _id and one query for its memberships; the proposals at the first join), kept current by
// the domain events of the commands that change them (membershipChanged, roomStageChanged, proposalChanged;
// from other processes through realtime/roomStateSync.ts), and
// dropped once no socket of this process is in the room and it has been idle for idleMs. Joins, reconnects,
// presence and live writes read it instead of the database. Objects by lifetime: RoomStates lives as long
// as the app, a RoomState as long as its room is in use here.
import { type CollaborationStage, limits } from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import type { DomainEventMap } from "../events/domainEvents.ts";
import type { ProposalDoc } from "../models/collaboration.ts";
import { type MembershipDoc, type RoomDoc, membershipIdFor } from "../models/index.ts";
import type { RoomAction } from "../policies/roomPolicy.ts";
import { type RoomAccess, checkRoomAccess, findRoom } from "./loadRoomAccess.ts";

export interface RoomStateOptions {
  /** How long a room no socket here is in stays cached (default limits.roomStateIdleMs). */
  idleMs?: number;
  /** How often idle rooms are looked for; 0 turns the timer off (tests call sweep()). Default idleMs / 2. */
  sweepMs?: number;
}

type MembershipChange = DomainEventMap["membershipChanged"];

/** One room's settings and memberships, as the database holds them now (events keep it so). */
export class RoomState {
  readonly roomId: string;
  room: RoomDoc;
  /** Memberships by user id (hex). A user absent here is read by _id before being refused. */
  private readonly members = new Map<string, MembershipDoc>();
  /** Counts the changes applied, so a read that raced one is not cached. */
  private version = 0;
  /**
   * The room's proposals in creation order, once read (null: not read, or changed since). A change drops the
   * list rather than patching it: proposals change rarely (created, renamed, put to a motion, decided) and
   * are read at every join, so one query after each change costs little and cannot drift from the database.
   */
  private proposalList: ProposalDoc[] | null = null;
  private proposalVersion = 0;
  private proposalRead: Promise<ProposalDoc[]> | null = null;

  constructor(
    private readonly ctx: AppContext,
    room: RoomDoc,
    memberships: MembershipDoc[],
  ) {
    this.roomId = room._id.toHexString();
    this.room = room;
    for (const membership of memberships) this.members.set(membership.userId.toHexString(), membership);
  }

  /** Members cached now. */
  get size(): number {
    return this.members.size;
  }

  /** The membership as cached, without asking the database (undefined: not cached). */
  cachedMembership(userId: string): MembershipDoc | undefined {
    return this.members.get(userId);
  }

  /**
   * A user's membership, or null. A user not cached is read by the membership's derived _id (the one lookup
   * FerretDB serves from an index): a member added on another process whose event has not arrived yet (or
   * while Redis was down) is so still found, and a stranger costs one fast read.
   */
  async membership(userId: Types.ObjectId): Promise<MembershipDoc | null> {
    const key = userId.toHexString();
    const cached = this.members.get(key);
    if (cached) return cached;
    const version = this.version;
    const read = await this.ctx.models.Membership.findById(membershipIdFor(this.room._id, userId)).lean();
    // A change applied meanwhile may be newer than what was read: answer with the read, cache nothing.
    if (read && version === this.version) this.members.set(key, read);
    return this.members.get(key) ?? read;
  }

  /** Refuses unless the user may perform `action` here (the rule of loadRoomAccess, on the cached state). */
  async access(userId: Types.ObjectId, action: RoomAction): Promise<RoomAccess> {
    return checkRoomAccess(this.room, await this.membership(userId), action);
  }

  /** A stored membership change: a role set in place, a removal dropped; a new member is read at first need. */
  applyMembership(change: Pick<MembershipChange, "userId" | "role">): void {
    this.version += 1;
    const cached = this.members.get(change.userId);
    if (change.role === null) this.members.delete(change.userId);
    else if (cached) this.members.set(change.userId, { ...cached, role: change.role });
  }

  applyStage(stage: CollaborationStage): void {
    this.version += 1;
    this.room = { ...this.room, stage };
  }

  /**
   * The room's proposals (at most limits.proposalsPerRoom, oldest first): read once, then from memory until a
   * proposal of the room changes. Joins at the same moment share one read.
   */
  async proposals(): Promise<ProposalDoc[]> {
    if (this.proposalList) return this.proposalList;
    if (this.proposalRead) return this.proposalRead;
    const version = this.proposalVersion;
    const read = this.ctx.models.Proposal.find({ roomId: this.room._id })
      .sort({ createdAt: 1 })
      .limit(limits.proposalsPerRoom)
      .lean<ProposalDoc[]>()
      .exec();
    this.proposalRead = read;
    try {
      const proposals = await read;
      // A change stored while the read ran may be missing from it: answer with it, keep nothing.
      if (version === this.proposalVersion) this.proposalList = proposals;
      return proposals;
    } finally {
      if (this.proposalRead === read) this.proposalRead = null;
    }
  }

  /** A proposal as the cached list holds it (undefined: the list is not read, or it is not in it). */
  cachedProposal(proposalId: string): ProposalDoc | undefined {
    return this.proposalList?.find((proposal) => proposal._id.toHexString() === proposalId);
  }

  /** A proposal of the room was stored as created or changed: the list is read again at next need. */
  dropProposals(): void {
    this.proposalVersion += 1;
    this.proposalList = null;
    this.proposalRead = null;
  }
}

type PendingChange =
  | { type: "membership"; change: Pick<MembershipChange, "userId" | "role"> }
  | { type: "stage"; stage: CollaborationStage };

/** The app's room states: one per room in use, each loaded once. */
export class RoomStates {
  private readonly states = new Map<string, RoomState>();
  /** Loads under way, with the changes that arrived meanwhile (replayed on the loaded state). */
  private readonly loading = new Map<string, { done: Promise<RoomState>; pending: PendingChange[] }>();
  /** Rooms a socket of this process is in (never dropped), and when each other room was last used. */
  private readonly held = new Set<string>();
  private readonly lastUsedAt = new Map<string, number>();
  private readonly idleMs: number;
  private readonly timer: NodeJS.Timeout | null;
  private readonly unsubscribes: Array<() => void>;
  /** Rooms loaded from the database since the app started (for tests and the benchmark). */
  loads = 0;

  constructor(
    private readonly ctx: AppContext,
    options: RoomStateOptions = {},
  ) {
    this.idleMs = options.idleMs ?? limits.roomStateIdleMs;
    const sweepMs = options.sweepMs ?? Math.max(1000, Math.floor(this.idleMs / 2));
    this.timer = sweepMs > 0 ? setInterval(() => this.sweep(), sweepMs) : null;
    this.timer?.unref();
    // Subscribed when the app is built, before any transport: a listener of the same event (the socket
    // layer telling the member's sockets) already reads the changed state.
    this.unsubscribes = [
      ctx.events.subscribe("membershipChanged", (change) => this.applyMembership(change)),
      ctx.events.subscribe("roomStageChanged", ({ roomId, stage }) => this.applyStage(roomId, stage)),
      ctx.events.subscribe("proposalChanged", ({ roomId }) => this.applyProposalChange(roomId)),
    ];
  }

  /** Rooms cached now. */
  get size(): number {
    return this.states.size;
  }

  /** The room's state, loaded on first need; ROOM_NOT_FOUND for a room that does not exist. */
  async get(roomId: string): Promise<RoomState> {
    this.lastUsedAt.set(roomId, this.ctx.now().getTime());
    const cached = this.states.get(roomId);
    if (cached) return cached;
    const loading = this.loading.get(roomId);
    if (loading) return loading.done;
    const pending: PendingChange[] = [];
    const entry = { done: this.load(roomId, pending), pending };
    this.loading.set(roomId, entry);
    const forget = () => {
      if (this.loading.get(roomId) === entry) this.loading.delete(roomId);
    };
    entry.done.then(forget, forget);
    return entry.done;
  }

  /** The state if cached, without loading it. */
  peek(roomId: string): RoomState | undefined {
    return this.states.get(roomId);
  }

  /** Refuses unless the user may perform `action` in the room (loadRoomAccess, from the cache). */
  async access(props: { roomId: string; userId: Types.ObjectId; action: RoomAction }): Promise<RoomAccess> {
    return (await this.get(props.roomId)).access(props.userId, props.action);
  }

  /** A change stored here or on another process (realtime/roomStateSync.ts relays those). */
  applyMembership(change: MembershipChange): void {
    this.states.get(change.roomId)?.applyMembership(change);
    this.loading.get(change.roomId)?.pending.push({ type: "membership", change });
  }

  applyStage(roomId: string, stage: CollaborationStage): void {
    this.states.get(roomId)?.applyStage(stage);
    this.loading.get(roomId)?.pending.push({ type: "stage", stage });
  }

  /**
   * A proposal of the room was created or changed, here or on another process. A state still loading needs
   * nothing: it reads its proposals only once loaded, after this change was stored.
   */
  applyProposalChange(roomId: string): void {
    this.states.get(roomId)?.dropProposals();
  }

  /** A socket of this process entered the room's channel (true) or the last one left it (false). */
  setHeld(roomId: string, held: boolean): void {
    if (held) this.held.add(roomId);
    else this.held.delete(roomId);
    this.lastUsedAt.set(roomId, this.ctx.now().getTime());
  }

  /** Drops the rooms nobody here is in that were not used for idleMs (on the injected clock). */
  sweep(): void {
    const now = this.ctx.now().getTime();
    for (const [roomId, usedAt] of this.lastUsedAt) {
      if (this.held.has(roomId) || now - usedAt < this.idleMs) continue;
      this.states.delete(roomId);
      this.lastUsedAt.delete(roomId);
    }
  }

  /** Forgets every room (after an interruption in which other processes' changes may have been missed). */
  dropAll(): void {
    this.states.clear();
    this.loading.clear();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.states.clear();
    this.lastUsedAt.clear();
    this.held.clear();
  }

  private async load(roomId: string, pending: PendingChange[]): Promise<RoomState> {
    const room = await findRoom(this.ctx, roomId);
    // The one read that is not by _id: every membership of the room, once per room while it is in use.
    const memberships = await this.ctx.models.Membership.find({ roomId: room._id }).lean();
    this.loads += 1;
    const state = new RoomState(this.ctx, room, memberships);
    // Changes stored while the load ran may or may not be in what it read; each sets a value, so applying
    // them again gives the state after them either way.
    for (const change of pending) {
      if (change.type === "membership") state.applyMembership(change.change);
      else state.applyStage(change.stage);
    }
    // Dropped meanwhile (dropAll): answer this caller, cache nothing.
    if (this.loading.get(roomId)?.pending === pending) this.states.set(roomId, state);
    return state;
  }
}
