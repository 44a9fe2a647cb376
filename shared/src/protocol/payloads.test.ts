// Inbound payloads read a nil field as an absent one, as MessagePack and JSON clients write an unset
// optional field (python-socketio sends None as nil); what is required stays required.
import { describe, expect, it } from "vitest";
import { discussionPayloadSchemas } from "./discussion.ts";
import { inboundPayloadSchemas, withoutNilFields } from "./payloads.ts";

const id = "0123456789abcdef01234567";

function issues(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("a nil field in an inbound payload", () => {
  it("is an absent optional field: a vote without a reason, an update without an id, a first page", () => {
    const vote = inboundPayloadSchemas["motion:vote"].safeParse({
      motionId: id,
      position: "support",
      clientVoteId: "py-vote-0001",
      reason: null,
    });
    expect(vote.success).toBe(true);
    expect(vote.data).toEqual({ motionId: id, position: "support", clientVoteId: "py-vote-0001" });
    expect(vote.data && "reason" in vote.data).toBe(false);

    const update = inboundPayloadSchemas["proposal:update"].safeParse({
      proposalId: id,
      update: new Uint8Array([0, 0]),
      clientUpdateId: null,
    });
    expect(update.success).toBe(true);
    expect(update.data && "clientUpdateId" in update.data).toBe(false);

    expect(discussionPayloadSchemas["chat:history"].safeParse({ roomId: id, before: null }).data).toEqual({
      roomId: id,
    });
    expect(
      discussionPayloadSchemas["comment:post"].safeParse({
        proposalId: id,
        body: "Setuju",
        parentId: null,
        anchor: null,
      }).data,
    ).toEqual({ proposalId: id, body: "Setuju" });
  });

  it("is a missing required field, refused with the field's name", () => {
    const join = inboundPayloadSchemas["room:join"].safeParse({ roomId: null });
    expect(join.success).toBe(false);
    expect(issues(join)).toEqual(["roomId: Invalid input: expected string, received undefined"]);
    // A reason is required for an objection; nil is no reason.
    const objection = inboundPayloadSchemas["motion:vote"].safeParse({
      motionId: id,
      position: "object",
      clientVoteId: "py-vote-0002",
      reason: null,
    });
    expect(issues(objection)).toEqual(["reason: required for object"]);
  });

  it("changes nothing else: unknown and prototype keys are still refused, binary and arrays are kept", () => {
    const hostile = JSON.parse(`{"roomId":"${id}","__proto__":{"admin":true},"extra":null}`);
    expect(issues(inboundPayloadSchemas["room:join"].safeParse(hostile))).toEqual([': Unrecognized key: "__proto__"']);
    const binary = new Uint8Array([1, 2]);
    const input = { a: null, b: [null, { c: null }], d: { e: null, f: binary }, g: 0, h: "", i: false };
    expect(withoutNilFields(input)).toEqual({ b: [null, { c: null }], d: { f: binary }, g: 0, h: "", i: false });
    expect((withoutNilFields(input) as { d: { f: unknown } }).d.f).toBe(binary);
    expect(input).toEqual({ a: null, b: [null, { c: null }], d: { e: null, f: binary }, g: 0, h: "", i: false });
    expect(withoutNilFields(null)).toBeNull();
    expect(withoutNilFields([null])).toEqual([null]);
  });
});
