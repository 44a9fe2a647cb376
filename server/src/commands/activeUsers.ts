// The users of this process's live sockets, in memory: a socket handshake, and a chat message's author
// card, read the user from here instead of the database. In a reconnect storm of a thousand sockets the one
// read per handshake, queued on the single database connection, was what every socket waited for.
//
// An entry is dropped when the user is banned or changes their profile (userBanned, userChanged; from other
// processes through realtime/roomStateSync.ts), and is trusted for at most maxAgeMs after its read, so a
// change whose event was lost (Redis down between processes) or made behind the app's back is seen by then.
// HTTP requests do not use it: each reads the user afresh.
import { limits } from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";
import type { UserDoc } from "../models/index.ts";
import { loadActiveUser } from "./authenticateUser.ts";

interface Entry {
  /** The read, shared by the callers that asked while it ran. */
  user: Promise<UserDoc>;
  readAt: number;
}

export class ActiveUsers {
  private readonly entries = new Map<string, Entry>();
  private readonly unsubscribes: Array<() => void>;
  private sweptAt = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly maxAgeMs: number = limits.activeUserMaxAgeMs,
  ) {
    this.unsubscribes = [
      ctx.events.subscribe("userBanned", ({ userId }) => this.forget(userId)),
      ctx.events.subscribe("userChanged", ({ userId }) => this.forget(userId)),
    ];
  }

  get size(): number {
    return this.entries.size;
  }

  /** The user, unless deleted or banned (TOKEN_INVALID, as loadActiveUser): from memory while fresh. */
  async get(userId: string | Types.ObjectId): Promise<UserDoc> {
    const key = typeof userId === "string" ? userId : userId.toHexString();
    const now = this.ctx.now().getTime();
    const cached = this.entries.get(key);
    if (cached && now - cached.readAt < this.maxAgeMs) return cached.user;
    const entry: Entry = { user: loadActiveUser(this.ctx, key), readAt: now };
    this.entries.set(key, entry);
    // A refusal or a failed read is not kept: the next handshake asks the database again.
    entry.user.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.sweep(now);
    return entry.user;
  }

  /** Drops the user's entry (banned, profile changed, here or on another process). */
  forget(userId: string): void {
    this.entries.delete(userId);
  }

  /** Forgets every user (after an interruption in which other processes' changes may have been missed). */
  clear(): void {
    this.entries.clear();
  }

  close(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.entries.clear();
  }

  /** Drops expired entries at most once per maxAgeMs, so users who left do not stay in memory. */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.maxAgeMs) return;
    this.sweptAt = now;
    for (const [key, entry] of this.entries) if (now - entry.readAt >= this.maxAgeMs) this.entries.delete(key);
  }
}
