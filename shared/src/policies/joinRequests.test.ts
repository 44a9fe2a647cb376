import { describe, expect, it } from "vitest";
import { joinRequestRefusal, wayInto } from "./joinRequests.ts";
import type { PolicyRoom } from "./room.ts";

const room = (visibility: PolicyRoom["visibility"], stage: PolicyRoom["stage"] = "exploration"): PolicyRoom => ({
  visibility,
  stage,
  participantsMayOpenMotions: false,
});

describe("requests to join", () => {
  it("are for non-members of invite-only rooms whose collaboration has not ended, once at a time", () => {
    expect(joinRequestRefusal(room("invite-only"), null, false)).toBeNull();
    expect(joinRequestRefusal(room("invite-only"), null, true)).toBe("JOIN_REQUEST_PENDING");
    expect(joinRequestRefusal(room("invite-only"), "observer", false)).toBe("ALREADY_MEMBER");
    expect(joinRequestRefusal(room("open"), null, false)).toBe("ROOM_IS_OPEN");
    expect(joinRequestRefusal(room("invite-only", "ended"), null, false)).toBe("FORBIDDEN");
  });
});

describe("the way in a preview offers", () => {
  it("is enter, join, request, pending or closed", () => {
    expect(wayInto(room("open"), "participant", false)).toBe("enter");
    expect(wayInto(room("invite-only", "ended"), "coordinator", false)).toBe("enter");
    expect(wayInto(room("open"), null, false)).toBe("join");
    expect(wayInto(room("invite-only"), null, false)).toBe("request");
    expect(wayInto(room("invite-only"), null, true)).toBe("pending");
    expect(wayInto(room("open", "ended"), null, false)).toBe("closed");
    expect(wayInto(room("invite-only", "ended"), null, true)).toBe("closed");
  });
});
