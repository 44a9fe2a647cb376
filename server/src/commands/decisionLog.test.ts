// What a stored decision record is served as: every stored field but the database's `_id`, so the hash,
// which covers exactly the served record (shared/src/decisionLog), leaves nothing out of what is served.
import { genesisHash, recordHash, verifyDecisionChain } from "@mufakat/shared";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { type DecisionRecordDoc, servedDecisionRecord } from "../models/decisions.ts";

describe("servedDecisionRecord", () => {
  const roomId = new Types.ObjectId("0123456789abcdef01234567");
  const content = {
    roomId: roomId.toHexString(),
    seq: 1,
    kind: "decision" as const,
    corrects: null,
    dedupeKey: "motion:65f0c0ffee0123456789abcd",
    at: "2026-11-29T10:00:00.000Z",
    payload: { type: "motionDecided", outcome: "adopted" },
    prevHash: genesisHash,
  };
  const stored: DecisionRecordDoc = {
    _id: new Types.ObjectId(),
    ...content,
    roomId,
    at: new Date(content.at),
    hash: recordHash(content),
  };

  it("serves every stored field but _id, as the hash was computed over it", () => {
    const served = servedDecisionRecord(stored);
    expect(served).toStrictEqual({ ...content, hash: recordHash(content) });
    expect(Object.keys(served).sort()).toEqual(
      Object.keys(stored)
        .filter((key) => key !== "_id")
        .sort(),
    );
    expect(verifyDecisionChain([served]).valid).toBe(true);
  });
});
