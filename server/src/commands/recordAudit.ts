import type { AuditAction } from "@mufakat/shared";
import type { Types } from "mongoose";
import type { AppContext } from "../context.ts";

/** Appends one entry to a room's audit trail: who did what, to whom, and the state before and after. */
export async function recordAudit(
  ctx: AppContext,
  props: {
    roomId: Types.ObjectId;
    actorId: Types.ObjectId;
    action: AuditAction;
    target?: string | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await ctx.models.AuditEntry.create({
    roomId: props.roomId,
    actorId: props.actorId,
    action: props.action,
    target: props.target ?? null,
    before: props.before ?? null,
    after: props.after ?? null,
    at: ctx.now(),
  });
}
