// Group commit: writes that arrive within a few milliseconds of each other are stored together, in one
// batched write (one insertMany), and each caller's promise settles only once its whole group is stored.
//
// Against the embedded FerretDB every round trip costs milliseconds of CPU on the server's core and the app
// holds one connection, so N writes one by one queue for N round trips; grouped, a burst costs a few. One
// group is stored at a time: writes that arrive meanwhile wait for the next group, which starts as soon as
// the one before it is stored, so the order of the writes is the order of the groups and, inside a group,
// the order of arrival. A group that fails rejects every caller in it with the same error code, and nobody
// in it is acknowledged: the callers retry, and what was stored before the failure is recognised on retry by
// its own unique key (a ballot's clientVoteId).
import type { Logger } from "pino";
import { type AppError, appError, isDatabaseUnavailable } from "../errors.ts";

export interface GroupCommitOptions<T> {
  /** Named in logs. */
  name: string;
  /** Stores one group, in arrival order; throws to fail the whole group. */
  store: (items: T[]) => Promise<void>;
  /** How long the first write of a group waits for others to join it, in ms (default 2). */
  windowMs?: number;
  /** The most writes in one group (default 500); a full group is stored at once. */
  maxGroupSize?: number;
  logger?: Logger;
}

export interface GroupCommitStats {
  /** Groups stored (or failed). */
  groups: number;
  /** Writes stored. */
  stored: number;
  /** Groups that failed, and the writes in them. */
  failedGroups: number;
  failedWrites: number;
  /** The largest group so far. */
  largestGroup: number;
}

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The error every caller of a failed group gets: DATABASE_UNAVAILABLE when the database did not answer (a
 * client may retry), otherwise INTERNAL; `cause` is the store's own error, for the caller's layer to read
 * (a duplicate key, for instance).
 */
export function groupFailure(cause: unknown, groupSize: number): AppError {
  const error = isDatabaseUnavailable(cause)
    ? appError("DATABASE_UNAVAILABLE", "the database is unavailable; nothing was saved, try again shortly")
    : appError("INTERNAL", "storing this write failed; it was not saved, try again");
  Object.assign(error, { cause, groupSize });
  return error;
}

export class GroupCommitWriter<T> {
  private queue: Pending<T>[] = [];
  private storing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly windowMs: number;
  private readonly maxGroupSize: number;
  readonly stats: GroupCommitStats = { groups: 0, stored: 0, failedGroups: 0, failedWrites: 0, largestGroup: 0 };

  constructor(private readonly options: GroupCommitOptions<T>) {
    this.windowMs = options.windowMs ?? 2;
    this.maxGroupSize = options.maxGroupSize ?? 500;
  }

  /** Resolves once `item` is stored with its group; rejects (groupFailure) when its group failed. */
  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Writes waiting for a group, and whether a group is being stored. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once nothing is waiting or being stored (for shutdown and tests). */
  idle(): Promise<void> {
    if (!this.storing && !this.timer && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    // While a group is being stored, new writes gather for the next one, which starts when it ends.
    if (this.storing) return;
    if (this.queue.length >= this.maxGroupSize) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.storeNextGroup();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.storeNextGroup();
    }, this.windowMs);
  }

  private storeNextGroup(): void {
    const group = this.queue.splice(0, this.maxGroupSize);
    if (group.length === 0) {
      this.settleIdle();
      return;
    }
    this.storing = this.storeGroup(group).finally(() => {
      this.storing = null;
      // The writes that arrived while this group was stored have waited already: no second window.
      if (this.queue.length > 0) this.storeNextGroup();
      else this.settleIdle();
    });
  }

  private async storeGroup(group: Pending<T>[]): Promise<void> {
    this.stats.groups += 1;
    this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
    try {
      await this.options.store(group.map((pending) => pending.item));
    } catch (cause) {
      this.stats.failedGroups += 1;
      this.stats.failedWrites += group.length;
      this.options.logger?.warn(
        { err: cause, writer: this.options.name, groupSize: group.length },
        "group write failed",
      );
      for (const pending of group) pending.reject(groupFailure(cause, group.length));
      return;
    }
    this.stats.stored += group.length;
    for (const pending of group) pending.resolve();
  }

  private settleIdle(): void {
    if (this.storing || this.timer || this.queue.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
