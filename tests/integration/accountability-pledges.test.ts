// Resource pledges and the room's ledger: pledges in the member's organisation and sector, to an adopted
// decision or to the room; totals exact per kind and unit (never adding rupiah to hours), overall and per
// sector; withdrawn pledges out of every total; status changes audited; who may pledge and change what.
import type { Sector } from "@mufakat/shared";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { decide } from "../utils/accountability.ts";
import { registeredClient } from "../utils/api.ts";
import { testClock } from "../utils/clock.ts";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { serverForSuite } from "../utils/server.ts";

const clock = testClock(Date.parse("2026-05-04T02:00:00.000Z"));
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });

function ofSector(members: Member[], sector: Sector): [Member, Member] {
  const found = members.filter((m) => m.sector === sector);
  if (found.length !== 2) throw new Error(`expected two ${sector} members`);
  return [found[0]!, found[1]!];
}

describe("the resource ledger", () => {
  it("totals pledges per kind and unit, overall and per sector, exactly, leaving withdrawn ones out", async () => {
    const room = await roomOfSectors(server, 2);
    const { roomId, coordinator } = room;
    const adopted = await decide(server, room, { title: "Sambungan air warga" });
    expect(adopted.outcome).toBe("adopted");
    const [gov1, gov2] = ofSector(room.members, "government");
    expect(gov1.id).toBe(coordinator.id);
    const [priv1, priv2] = ofSector(room.members, "private");
    const [comm1, comm2] = ofSector(room.members, "community");
    const [acad1] = ofSector(room.members, "academia");
    const [media1] = ofSector(room.members, "media");

    const pledge = async (who: Member, body: Record<string, unknown>) => {
      clock.advance(1000);
      const response = await who.client.post(`/api/rooms/${roomId}/pledges`, body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    const govFunds = await pledge(gov1, { decisionSeq: 1, kind: "funds", quantity: 15_000_000, unit: "IDR" });
    expect(govFunds).toMatchObject({
      roomId,
      decisionSeq: 1,
      kind: "funds",
      quantity: 15_000_000,
      unit: "IDR",
      organisation: "Dinas PU",
      sector: "government",
      status: "pledged",
      pledgedBy: { id: gov1.id },
      note: "",
    });
    await pledge(gov2, { kind: "peopleTime", quantity: 40, unit: "hours", note: "Dua petugas lapangan" });
    const privFunds = await pledge(priv1, { decisionSeq: 1, kind: "funds", quantity: 2_500_000.5, unit: "IDR" });
    expect(privFunds).toMatchObject({ organisation: "private org 0", sector: "private", decisionSeq: 1 });
    await pledge(priv2, { kind: "funds", quantity: 1000, unit: " idr " });
    await pledge(priv2, { kind: "equipment", quantity: 3, unit: "pompa" });
    await pledge(comm1, { kind: "peopleTime", quantity: 12.5, unit: "hours" });
    await pledge(comm1, { kind: "peopleTime", quantity: 8, unit: "jam" });
    const commFunds = await pledge(comm2, { kind: "funds", quantity: 500_000, unit: "IDR" });
    const acadData = await pledge(acad1, { kind: "dataKnowledge", quantity: 2, unit: "datasets" });
    const mediaRoom = await pledge(media1, { kind: "facilities", quantity: 1, unit: "ruang rapat" });

    // The pledger marks their own delivery and withdrawal; a coordinator records another's delivery.
    expect((await comm2.client.patch(`/api/pledges/${commFunds.id}`, { status: "delivered" })).body.status).toBe(
      "delivered",
    );
    expect((await acad1.client.patch(`/api/pledges/${acadData.id}`, { status: "withdrawn" })).body.status).toBe(
      "withdrawn",
    );
    expect((await coordinator.client.patch(`/api/pledges/${mediaRoom.id}`, { status: "delivered" })).status).toBe(200);

    const ledger = await media1.client.get(`/api/rooms/${roomId}/resources`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.pledges).toHaveLength(10);
    expect(ledger.body.pledges[0].id).toBe(mediaRoom.id);
    expect(ledger.body.byKind).toEqual([
      { kind: "peopleTime", unit: "hours", pledged: 52.5, delivered: 0, total: 52.5, pledges: 2 },
      { kind: "peopleTime", unit: "jam", pledged: 8, delivered: 0, total: 8, pledges: 1 },
      { kind: "funds", unit: "IDR", pledged: 17_501_000.5, delivered: 500_000, total: 18_001_000.5, pledges: 4 },
      { kind: "facilities", unit: "ruang rapat", pledged: 0, delivered: 1, total: 1, pledges: 1 },
      { kind: "equipment", unit: "pompa", pledged: 3, delivered: 0, total: 3, pledges: 1 },
    ]);
    expect(ledger.body.bySector).toEqual({
      government: [
        { kind: "peopleTime", unit: "hours", pledged: 40, delivered: 0, total: 40, pledges: 1 },
        { kind: "funds", unit: "IDR", pledged: 15_000_000, delivered: 0, total: 15_000_000, pledges: 1 },
      ],
      private: [
        { kind: "funds", unit: "IDR", pledged: 2_501_000.5, delivered: 0, total: 2_501_000.5, pledges: 2 },
        { kind: "equipment", unit: "pompa", pledged: 3, delivered: 0, total: 3, pledges: 1 },
      ],
      community: [
        { kind: "peopleTime", unit: "hours", pledged: 12.5, delivered: 0, total: 12.5, pledges: 1 },
        { kind: "peopleTime", unit: "jam", pledged: 8, delivered: 0, total: 8, pledges: 1 },
        { kind: "funds", unit: "IDR", pledged: 0, delivered: 500_000, total: 500_000, pledges: 1 },
      ],
      academia: [],
      media: [{ kind: "facilities", unit: "ruang rapat", pledged: 0, delivered: 1, total: 1, pledges: 1 }],
    });

    const forDecision = await coordinator.client.get(`/api/rooms/${roomId}/resources?decisionSeq=1`);
    expect(forDecision.body.pledges.map((p: { id: string }) => p.id)).toEqual([privFunds.id, govFunds.id]);
    expect(forDecision.body.byKind).toEqual([
      { kind: "funds", unit: "IDR", pledged: 17_500_000.5, delivered: 0, total: 17_500_000.5, pledges: 2 },
    ]);

    const stored = await server.app.ctx.models.Pledge.findById(privFunds.id).lean();
    expect(stored).toMatchObject({ quantityHundredths: 250_000_050, unit: "IDR", sector: "private" });
    const audit = await server.app.ctx.models.AuditEntry.find({ roomId: new Types.ObjectId(roomId) })
      .sort({ at: 1, _id: 1 })
      .lean();
    expect(audit.filter((e) => e.action === "pledge.created")).toHaveLength(10);
    expect(
      audit
        .filter((e) => e.action === "pledge.statusChanged")
        .map((e) => [e.target, e.actorId.toHexString(), e.before.status, e.after.status]),
    ).toEqual([
      [commFunds.id, comm2.id, "pledged", "delivered"],
      [acadData.id, acad1.id, "pledged", "withdrawn"],
      [mediaRoom.id, coordinator.id, "pledged", "delivered"],
    ]);
  });

  it("refuses pledges to a decision not adopted, bad quantities, observers, outsiders and others' pledges", async () => {
    const room = await roomOfSectors(server, 1);
    const rejected = await decide(server, room, { title: "Privatisasi", position: "object" });
    const [priv, comm] = [
      room.members.find((m) => m.sector === "private")!,
      room.members.find((m) => m.sector === "community")!,
    ];
    const notAdopted = await priv.client.post(`/api/rooms/${room.roomId}/pledges`, {
      decisionSeq: rejected.seq,
      kind: "funds",
      quantity: 10,
      unit: "IDR",
    });
    expect(notAdopted.status).toBe(409);
    expect(notAdopted.body.error.code).toBe("DECISION_NOT_ADOPTED");
    for (const [quantity, issue] of [
      [0, { message: "must be more than 0", code: "too_small", origin: "number", minimum: 0, inclusive: false }],
      [1.005, { message: "at most two decimals", code: "custom", rule: "atMostTwoDecimals" }],
    ] as const) {
      const bad = await priv.client.post(`/api/rooms/${room.roomId}/pledges`, { kind: "funds", quantity, unit: "IDR" });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([{ path: "quantity", ...issue }]);
    }
    const badKind = await priv.client.post(`/api/rooms/${room.roomId}/pledges`, {
      kind: "goodwill",
      quantity: 1,
      unit: "x",
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.details[0].path).toBe("kind");

    const observer = await registeredClient(server.url, "academia");
    const invite = await room.coordinator.client.post(`/api/rooms/${room.roomId}/invites`, { role: "observer" });
    await observer.client.post("/api/invites/accept", { token: invite.body.token });
    const observed = await observer.client.post(`/api/rooms/${room.roomId}/pledges`, {
      kind: "dataKnowledge",
      quantity: 1,
      unit: "laporan",
    });
    expect(observed.status).toBe(403);
    expect(observed.body.error.code).toBe("READ_ONLY_ROLE");
    const outsider = await registeredClient(server.url, "media");
    const outside = await outsider.client.get(`/api/rooms/${room.roomId}/resources`);
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe("NOT_A_MEMBER");

    const own = await priv.client.post(`/api/rooms/${room.roomId}/pledges`, {
      kind: "equipment",
      quantity: 2,
      unit: "tangki",
    });
    expect(own.status).toBe(201);
    const byOther = await comm.client.patch(`/api/pledges/${own.body.id}`, { status: "withdrawn" });
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.code).toBe("NOT_YOUR_PLEDGE");
    const missing = await priv.client.patch(`/api/pledges/${new Types.ObjectId().toHexString()}`, {
      status: "delivered",
    });
    expect(missing.body.error.code).toBe("PLEDGE_NOT_FOUND");

    const stored = await server.app.ctx.models.Pledge.find({ roomId: new Types.ObjectId(room.roomId) }).lean();
    expect(stored.map((p) => [p.kind, p.status])).toEqual([["equipment", "pledged"]]);
  });
});
