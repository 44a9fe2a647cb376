// The decision log as a person checks it in the browser: the printable report shows the chain's head hash
// and a QR code that a phone camera reads back as that hash (decoded here with jsQR from a screenshot of
// the printed page), in both languages; and the decisions tab checks the chain itself, with the shared
// code, so a server that claims a broken log is whole does not fool it.
import { Types } from "mongoose";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { beforeEach, describe, expect, it } from "vitest";
import { decide } from "../utils/accountability.ts";
import { type BrowserUser, browserForSuite, saveScreenshot, signInWithCookie } from "../utils/browser.ts";
import { roomOfSectors } from "../utils/deliberation.ts";

const browserSuite = browserForSuite({ motionSweepMs: 0 });
const { server } = browserSuite;

let room: Awaited<ReturnType<typeof roomOfSectors>>;
let coordinator: BrowserUser;

beforeEach(async () => {
  room = await roomOfSectors(server, 1);
  await decide(server, room, { title: "Jadwal air bersih — Kamis" });
  await decide(server, room, { title: "Tarif air", position: "object" });
  const corrected = await room.coordinator.client.post(`/api/rooms/${room.roomId}/decisions/1/corrections`, {
    note: "Jam layanan dibaca 07.00–11.00.",
  });
  expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
  coordinator = await browserSuite.openUserForTest();
});

async function storedHeadHash(): Promise<string> {
  const records = await server.app.ctx.models.DecisionRecord.find({ roomId: new Types.ObjectId(room.roomId) })
    .sort({ seq: -1 })
    .limit(1)
    .lean();
  return records[0]?.hash ?? "";
}

/** What a camera reads from the QR code as it is drawn on the page. */
async function decodedQr(user: BrowserUser): Promise<string | null> {
  const png = PNG.sync.read(await user.page.getByTestId("report-head-qr").screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe("the printed report pins the decision log", () => {
  it("prints the head hash and a QR code that decodes to it, in Indonesian and in English", async () => {
    const head = await storedHeadHash();
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    await signInWithCookie(
      coordinator,
      server.url,
      room.coordinator.client.refreshCookie,
      `/rooms/${room.roomId}/report`,
    );
    const { page } = coordinator;
    const chainHead = page.getByTestId("report-chain-head");
    await page.getByTestId("report-head-hash").waitFor();
    expect(await chainHead.getAttribute("data-head-seq")).toBe("3");
    expect(await page.getByTestId("report-head-hash").textContent()).toBe(head);
    expect(await chainHead.textContent()).toContain(`Hash catatan 3 (yang terbaru): ${head}`);
    expect(await page.getByTestId("report-head-qr").getAttribute("aria-label")).toBe("Kode QR hash catatan 3");

    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("report-head-qr").isVisible()).toBe(true);
    expect(await decodedQr(coordinator)).toBe(head);
    await saveScreenshot(page, "decision-log-head-1-report-print");
    await page.emulateMedia({ media: "screen" });

    await page.getByTestId("language-switch").selectOption("en");
    await chainHead.filter({ hasText: `Hash of record 3 (the newest): ${head}` }).waitFor();
    expect(await page.getByTestId("report-head-qr").getAttribute("aria-label")).toBe("QR code of the hash of record 3");
    expect(await decodedQr(coordinator)).toBe(head);
  });
});

describe("the decisions tab checks the chain in the browser", () => {
  it("says the log is whole, checked here, and then finds a changed record though the server says whole", async () => {
    const { page } = coordinator;
    await signInWithCookie(coordinator, server.url, room.coordinator.client.refreshCookie, `/rooms/${room.roomId}`);
    await page.getByTestId("room-tab-decisions").click();
    const badge = page.getByTestId("integrity-badge");
    await badge.filter({ hasText: "3 catatan diperiksa" }).waitFor();
    expect(await page.getByTestId("integrity-checked-by").getAttribute("data-checked-by")).toBe("browser");
    expect(await page.getByTestId("integrity-checked-by").textContent()).toBe(
      "Diperiksa di peramban ini: hash setiap catatan dihitung ulang dari catatan yang diterimanya.",
    );

    // Record 2 changed in the database, and a server that answers every check with "whole".
    const changed = await server.connection
      .collection("decisionrecords")
      .updateOne(
        { roomId: new Types.ObjectId(room.roomId), seq: 2 },
        { $set: { "payload.proposalTitle": "Tarif aír" } },
      );
    expect(changed.modifiedCount).toBe(1);
    const serverCheck = await room.coordinator.client.get(`/api/rooms/${room.roomId}/decisions/verify`);
    expect(serverCheck.body).toMatchObject({ valid: false, firstBrokenSeq: 2, problem: "hashMismatch" });
    await page.route("**/api/rooms/*/decisions/verify", (route) =>
      route.fulfill({
        json: { ...serverCheck.body, valid: true, firstBrokenSeq: null, problem: null },
      }),
    );
    await page.reload();
    await page.getByTestId("room-tab-decisions").click();
    await badge.and(page.locator('[data-valid="false"]')).waitFor();
    expect(await badge.getAttribute("data-broken-seq")).toBe("2");
    expect(await badge.textContent()).toBe("Rantai catatan rusak pada catatan 2 — isi catatan telah diubah");
    await saveScreenshot(page, "decision-log-head-2-browser-check");
  });
});
