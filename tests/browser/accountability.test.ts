// Accountability in a real browser: two decisions made over REST (one adopted with a reservation, one not
// adopted), a commitment and a pledge on the adopted one, media silent throughout. The coordinator sees the
// commitments board, the ledger and the participation tabs (media, silent, is flagged in words; raising the
// quiet line flags academia too; "how is this worked out?" shows the measure and each sector's figures, in
// Indonesian and in English), filters the review to exactly the adopted record, opens it (tallies, reasons, frozen
// text, commitments, pledges, an intact chain), downloads the decisions CSV (parsed back here; the "=" title
// neutralised with a leading quote) and opens the printable report with its participation chart (one series
// per sector) and the symbolic-participation warnings under the room's quiet line.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { Types } from "mongoose";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { csvRecords } from "../utils/accountability.ts";
import { type BrowserUser, browserForSuite, saveScreenshot } from "../utils/browser.ts";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";

// A fresh server, decisions and browser for every test; the coordinator's page may raise no uncaught error.
const browserSuite = browserForSuite({ motionSweepMs: 0 }, { serverPer: "test" });
const { server } = browserSuite;
let coordinator: BrowserUser;
let room: { roomId: string; coordinator: Member; members: Member[] };
let coordinatorEmail = "";

const adoptedTitle = "=SUM(1) Jadwal air bersih";
const notAdoptedTitle = "Jadwal tarif air";
const reservation = "Perlu anggaran pemeliharaan <b>pompa</b>";
const commitmentWhat = "Memasang jadwal di kantor kelurahan";
const secondWhat = "Sosialisasi jadwal di tiap RW";
/** The chart's own SVG; recharts draws each legend icon as a small SVG of the same class. */
const chartSvg = "svg.recharts-surface[role=application]";

function memberOf(sector: string): Member {
  const found = room.members.find((m) => m.sector === sector);
  if (!found) throw new Error(`no ${sector} member`);
  return found;
}

/** A proposal titled `title`, a motion on it, the given positions cast over REST, then closed by the coordinator. */
async function decideWith(title: string, votes: Array<[string, string, string?]>): Promise<number> {
  const proposalId = await seedProposal(server, room.roomId, room.coordinator.id, `Isi usulan: ${title}`);
  await server.app.ctx.models.Proposal.updateOne({ _id: new Types.ObjectId(proposalId) }, { $set: { title } });
  const opened = await room.coordinator.client.post(`/api/rooms/${room.roomId}/motions`, {
    proposalId,
    durationMinutes: 60,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  for (const [sector, position, reason] of votes) {
    const vote = await memberOf(sector).client.post(`/api/motions/${opened.body.id}/votes`, {
      position,
      clientVoteId: randomUUID(),
      ...(reason ? { reason } : {}),
    });
    expect(vote.status, JSON.stringify(vote.body)).toBe(200);
  }
  expect((await room.coordinator.client.post(`/api/motions/${opened.body.id}/close`)).status).toBe(200);
  const motion = await eventually(async () => {
    const read = await room.coordinator.client.get(`/api/motions/${opened.body.id}`);
    expect(read.body.status).toBe("closed");
    return read.body;
  });
  return motion.decisionSeq;
}

async function logIn(page: Page, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId("login-email").fill(coordinatorEmail);
  await page.getByTestId("login-password").fill("correct horse battery staple");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

/** What the first test adds through the form, over REST: a second commitment, owned by the community member. */
async function secondCommitmentOverRest(): Promise<void> {
  const added = await room.coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, {
    decisionSeq: 1,
    what: secondWhat,
    ownerUserId: memberOf("community").id,
    ownerOrganisation: "Forum Warga",
    dueDate: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString(),
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
}

/** What the first test sets in the participation tab, over REST: the room's quiet line. */
async function quietOverRest(quietPercent: number): Promise<void> {
  const set = await room.coordinator.client.patch(`/api/rooms/${room.roomId}/accountability-settings`, {
    quietPercent,
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
}

/** Signs in and opens the adopted record in the review, as the second test does. */
async function adoptedRecordOpen(page: Page): Promise<void> {
  await logIn(page, "/review");
  await page.getByTestId("review-room").selectOption(room.roomId);
  await page.getByTestId("review-outcome").selectOption("adopted");
  await page.getByTestId("review-q").fill("jadwal");
  await page.getByTestId("review-submit").click();
  const results = page.getByTestId("review-result");
  await eventually(async () => expect(await results.count()).toBe(1));
  await results.getByTestId("review-open").click();
  await page.getByTestId("review-detail").waitFor();
}

beforeEach(async () => {
  coordinator = await browserSuite.openUserForTest();
  room = await roomOfSectors(server, 1);
  const user = await server.connection.collection("users").findOne({ _id: new Types.ObjectId(room.coordinator.id) });
  coordinatorEmail = String(user?.email);

  // Media never votes, pledges or commits: the silent sector.
  const adoptedSeq = await decideWith(adoptedTitle, [
    ["government", "support"],
    ["private", "supportWithReservations", reservation],
    ["community", "support"],
    ["academia", "support"],
  ]);
  const notAdoptedSeq = await decideWith(notAdoptedTitle, [
    ["government", "support"],
    ["private", "object", "Tarif belum dikaji"],
    ["community", "object", "Memberatkan warga"],
    ["academia", "support"],
  ]);
  expect([adoptedSeq, notAdoptedSeq]).toEqual([1, 2]);

  const commitment = await room.coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, {
    decisionSeq: 1,
    what: commitmentWhat,
    ownerOrganisation: "Dinas PU",
    dueDate: new Date(Date.now() + 14 * 24 * 60 * 60 * 1000).toISOString(),
  });
  expect(commitment.status, JSON.stringify(commitment.body)).toBe(201);
  const pledge = await memberOf("private").client.post(`/api/rooms/${room.roomId}/pledges`, {
    decisionSeq: 1,
    kind: "funds",
    quantity: 750_000,
    unit: "IDR",
  });
  expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);
});

describe("accountability after a decision", () => {
  it("shows the commitment on the board, the pledge in the ledger and the participation insight in the room", async () => {
    const { page } = coordinator;
    await logIn(page, `/rooms/${room.roomId}`);
    await page.getByTestId("room-tab-commitments").click();
    const card = page.getByTestId("commitment-column-planned").getByTestId("commitment");
    await card.waitFor();
    expect(await card.getByTestId("commitment-what-text").textContent()).toBe(commitmentWhat);
    expect(await card.getAttribute("data-overdue")).toBe("false");

    // A dated progress note with a percentage, through the UI.
    await card.getByTestId("commitment-edit-open").click();
    await card.getByTestId("progress-note").fill("Draf jadwal <i>dicetak</i>");
    await card.getByTestId("progress-percent").fill("40");
    await card.getByTestId("progress-submit").click();
    await card.getByTestId("commitment-percent").filter({ hasText: /^40%$/ }).waitFor();
    expect(await card.getByTestId("progress-note-item").locator("p").textContent()).toBe("Draf jadwal <i>dicetak</i>");
    await card.getByTestId("commitment-update-status").selectOption("inProgress");
    await card.getByTestId("commitment-update-submit").click();
    await page.getByTestId("commitment-column-inProgress").getByTestId("commitment").waitFor();

    // A second commitment through the form: refused field by field while empty, then saved under "planned".
    const form = page.getByTestId("commitment-form");
    await form.getByTestId("commitment-submit").click();
    expect(await form.getByTestId("commitment-what-error").textContent()).toBe("Wajib diisi");
    await form.getByTestId("commitment-what").fill(secondWhat);
    await form.getByTestId("commitment-owner").selectOption(memberOf("community").id);
    await form.getByTestId("commitment-organisation").fill("Forum Warga");
    const due = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    const pad = (n: number) => String(n).padStart(2, "0");
    await form
      .getByTestId("commitment-due")
      .fill(`${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}`);
    await form.getByTestId("commitment-submit").click();
    const planned = page.getByTestId("commitment-column-planned").getByTestId("commitment");
    await planned.waitFor();
    expect(await planned.getByTestId("commitment-what-text").textContent()).toBe(secondWhat);
    expect(await planned.getByTestId("sector-badge").getAttribute("data-sector")).toBe("community");
    await saveScreenshot(page, "accountability-1-commitments");

    await page.getByTestId("room-tab-resources").click();
    const pledge = page.getByTestId("pledge");
    await pledge.waitFor();
    expect(await pledge.getByTestId("pledge-amount").textContent()).toBe("750.000 IDR");
    expect(await page.getByTestId("resource-total").getAttribute("data-kind")).toBe("funds");
    expect(await page.getByTestId("resource-sector-chart").locator(chartSvg).count()).toBe(1);
    // Every sector is named under its bar, with its shape.
    expect(
      await page.getByTestId("resource-sector-chart").locator(".recharts-xAxis-tick-labels text").allTextContents(),
    ).toEqual(["■ Pemerintah", "◆ Swasta", "● Masyarakat", "▲ Akademisi", "★ Media"]);
    await saveScreenshot(page, "accountability-2-resources");

    // 15 acts by 5 members (government: 2 editing sessions, 2 motions opened, 2 votes, a commitment;
    // private: 2 votes, a pledge; community: 2 votes and the commitment it now owns; academia: 2 votes;
    // media: nothing). At the default 50 % each sector is flagged below ⌈1.5⌉ = 2 acts: media only. At
    // 100 %, below 3: academia too.
    await page.getByTestId("room-tab-participation").click();
    const warning = page.getByTestId("symbolic-warning");
    const flagged = () => warning.evaluateAll((items) => items.map((item) => item.getAttribute("data-sector")));
    await warning.first().waitFor();
    expect(await flagged()).toEqual(["media"]);
    expect(await warning.textContent()).toBe(
      "Media: 1 dari 5 anggota, tanpa sesi penyuntingan, komentar, obrolan, suara, komitmen, atau janji sumber daya dalam 30 hari.",
    );
    await page.getByTestId("quiet-setting-percent").fill("100");
    await page.getByTestId("quiet-setting-save").click();
    await eventually(async () => expect(await flagged()).toEqual(["academia", "media"]));
    expect(await warning.first().textContent()).toBe(
      "Akademisi: 1 dari 5 anggota, 2 suara, tanpa sesi penyuntingan, komentar, obrolan, komitmen, atau janji sumber daya dalam 30 hari.",
    );
    await page.getByTestId("participation-chart").locator(chartSvg).waitFor();
    await saveScreenshot(page, "accountability-3-participation");
  });

  it("says in words which sector is quiet and how it is worked out, in Indonesian and in English", async () => {
    const { page } = coordinator;
    await logIn(page, `/rooms/${room.roomId}`);
    await page.getByTestId("room-tab-participation").click();
    const warning = page.getByTestId("symbolic-warning");
    await warning.waitFor();
    // 14 acts by 5 members: 2.8 each in proportion, flagged below ⌈1.4⌉ = 2 acts.
    expect(await warning.textContent()).toBe(
      "Media: 1 dari 5 anggota, tanpa sesi penyuntingan, komentar, obrolan, suara, komitmen, atau janji sumber daya dalam 30 hari.",
    );
    const row = (sector: string) => page.locator(`[data-testid=participation-row][data-sector=${sector}]`);
    expect(await row("media").getAttribute("data-quiet")).toBe("true");
    expect(await row("media").getByTestId("participation-flagged-below").textContent()).toBe("2");
    expect(await row("government").getAttribute("data-quiet")).toBe("false");
    expect(await row("government").getByTestId("participation-total").textContent()).toBe("7");
    expect(await row("government").getByTestId("participation-coordination").textContent()).toBe("2 (2 mosi dibuka)");

    const explained = page.getByTestId("participation-explained");
    const sectorLines = explained.getByTestId("participation-explained-sector");
    expect(await sectorLines.first().isVisible()).toBe(false);
    await explained.getByTestId("participation-explained-toggle").click();
    await sectorLines.first().waitFor();
    expect(await explained.getByTestId("participation-explained-toggle").textContent()).toBe("Bagaimana ini dihitung?");
    expect(await explained.getByTestId("participation-explained-paragraph").nth(1).textContent()).toBe(
      "Sektor dengan m dari M anggota penulis ruang ini (koordinator dan peserta; pengamat tidak dihitung) secara proporsional akan membuat m/M dari semua tindakan. Sektor ditandai bila tindakannya kurang dari 50% jumlah itu.",
    );
    expect(await sectorLines.allTextContents()).toEqual([
      "Pemerintah: 1 dari 5 anggota → secara proporsional 2,8 dari 14 tindakan; ditandai di bawah 2; membuat 7 (250% dari proporsi).",
      "Swasta: 1 dari 5 anggota → secara proporsional 2,8 dari 14 tindakan; ditandai di bawah 2; membuat 3 (107% dari proporsi).",
      "Masyarakat: 1 dari 5 anggota → secara proporsional 2,8 dari 14 tindakan; ditandai di bawah 2; membuat 2 (71% dari proporsi).",
      "Akademisi: 1 dari 5 anggota → secara proporsional 2,8 dari 14 tindakan; ditandai di bawah 2; membuat 2 (71% dari proporsi).",
      "Media: 1 dari 5 anggota → secara proporsional 2,8 dari 14 tindakan; ditandai di bawah 2; membuat 0 (0% dari proporsi).",
    ]);
    await saveScreenshot(page, "accountability-3b-participation-explained-id");

    await page.getByTestId("language-switch").selectOption("en");
    await eventually(async () =>
      expect(await warning.textContent()).toBe(
        "Media: 1 of 5 members, no editing sessions, comments, chat, votes, commitments or pledges in 30 days.",
      ),
    );
    if (!(await explained.evaluate((details) => (details as unknown as { open: boolean }).open))) {
      await explained.getByTestId("participation-explained-toggle").click();
    }
    expect(await explained.getByTestId("participation-explained-toggle").textContent()).toBe("How is this worked out?");
    expect(await explained.getByTestId("participation-explained-paragraph").nth(2).textContent()).toBe(
      "A period is judged only when the room made at least 10 acts (at least 10, and one per writing member).",
    );
    expect(await sectorLines.last().textContent()).toBe(
      "Media: 1 of 5 members → in proportion 2.8 of 14 acts; flagged below 2; made 0 (0% of proportion).",
    );
    expect(await sectorLines.first().textContent()).toBe(
      "Government: 1 of 5 members → in proportion 2.8 of 14 acts; flagged below 2; made 7 (250% of proportion).",
    );
    await saveScreenshot(page, "accountability-3c-participation-explained-en");
  });

  it("filters the review to exactly the adopted record and opens it in full", async () => {
    const { page } = coordinator;
    await secondCommitmentOverRest();
    await logIn(page, `/rooms/${room.roomId}`);
    await page.getByTestId("nav-review").click();
    await page.waitForURL((url) => url.pathname === "/review");
    const results = page.getByTestId("review-result");
    await results.nth(1).waitFor();
    expect(await results.count()).toBe(2);

    await page.getByTestId("review-room").selectOption(room.roomId);
    await page.getByTestId("review-outcome").selectOption("adopted");
    await page.getByTestId("review-q").fill("jadwal");
    await page.getByTestId("review-submit").click();
    await eventually(async () => {
      expect(
        await results.evaluateAll((items) =>
          items.map((item) => [item.getAttribute("data-seq"), item.getAttribute("data-outcome")]),
        ),
      ).toEqual([["1", "adopted"]]);
    });
    expect(await results.getByTestId("review-result-title").textContent()).toBe(adoptedTitle);

    await results.getByTestId("review-open").click();
    const detail = page.getByTestId("review-detail");
    await detail.waitFor();
    expect(await detail.getByTestId("integrity-badge").getAttribute("data-valid")).toBe("true");
    expect(await detail.getByTestId("integrity-badge").textContent()).toBe(
      "Rantai catatan utuh ✓ (2 catatan diperiksa)",
    );
    expect(await detail.getByTestId("review-frozen-text").textContent()).toBe(`Isi usulan: ${adoptedTitle}`);
    expect(await detail.getByTestId("review-frozen-intact").getAttribute("data-intact")).toBe("true");
    const counts = async (sector: string, position: string) =>
      detail.getByTestId(`tally-sector-${sector}`).getByTestId(`tally-count-${position}`).textContent();
    expect(await counts("government", "support")).toBe("1");
    expect(await counts("private", "supportWithReservations")).toBe("1");
    expect(await counts("media", "support")).toBe("0");
    expect(await detail.getByTestId("review-position-reason").textContent()).toBe(reservation);
    expect(await detail.getByTestId("review-commitment-what").allTextContents()).toEqual([commitmentWhat, secondWhat]);
    expect(await detail.getByTestId("review-pledge-amount").textContent()).toBe("750.000 IDR");
    await saveScreenshot(page, "accountability-4-review-record");
  });

  it("downloads the decision log as CSV with the formula-like title neutralised", async () => {
    const { page } = coordinator;
    await adoptedRecordOpen(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-decisions-csv").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^mufakat-decisions-${room.roomId}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const file = await download.path();
    const text = await fs.readFile(file, "utf8");
    const log = (await room.coordinator.client.get(`/api/rooms/${room.roomId}/decisions`)).body as Array<{
      seq: number;
      at: string;
      prevHash: string;
      hash: string;
    }>;
    const record = (seq: number) => {
      const found = log.find((r) => r.seq === seq);
      if (!found) throw new Error(`no record ${seq}`);
      return found;
    };
    const sha = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");
    const shared = { kind: "decision", corrects: "", votersCount: "4", standAside: "0", block: "0", note: "" };
    expect(csvRecords(text)).toEqual([
      {
        ...shared,
        seq: "1",
        at: record(1).at,
        proposalTitle: `'${adoptedTitle}`,
        outcome: "adopted",
        reasonCode: "sectorConsensus",
        support: "3",
        supportWithReservations: "1",
        object: "0",
        sectorsRepresented: "government private community academia",
        frozenTextHash: sha(`Isi usulan: ${adoptedTitle}`),
        prevHash: "0".repeat(64),
        hash: record(1).hash,
      },
      {
        ...shared,
        seq: "2",
        at: record(2).at,
        proposalTitle: notAdoptedTitle,
        outcome: "notAdopted",
        reasonCode: "sectorBelowThreshold",
        support: "2",
        supportWithReservations: "0",
        object: "2",
        sectorsRepresented: "government private community academia",
        frozenTextHash: sha(`Isi usulan: ${notAdoptedTitle}`),
        prevHash: record(1).hash,
        hash: record(2).hash,
      },
    ]);
  });

  it("opens the printable report with the participation chart and the warnings under the room's line", async () => {
    const { page } = coordinator;
    // 14 acts by 5 members; at 100 % each sector is flagged below ⌈2.8⌉ = 3 acts: community and academia
    // (2 votes each) and media (nothing).
    await quietOverRest(100);
    await adoptedRecordOpen(page);
    await page.getByTestId("report-link").click();
    await page.waitForURL((url) => url.pathname === `/rooms/${room.roomId}/report`);
    const chart = page.getByTestId("room-report").getByTestId("participation-chart");
    await chart.locator(chartSvg).waitFor();
    const everySector = ["government", "private", "community", "academia", "media"];
    expect(await chart.getAttribute("data-sectors")).toBe(everySector.join(" "));
    for (const sector of everySector) {
      expect(await chart.locator(`svg g.recharts-bar.participation-bar-${sector}`).count(), sector).toBe(1);
    }
    // Told apart without colour: each series fills with its sector's own pattern (media, with no act, draws
    // no bar but keeps its legend entry), and the legend names each with its marker shape.
    const patternOf = (fill: string | null) => fill?.replace(/^url\(#participation[a-zA-Z0-9]+-sector-/, "url(#…-");
    const bars = await chart
      .locator("svg g.recharts-bar")
      .evaluateAll((groups) => groups.map((group) => group.querySelector("path")?.getAttribute("fill") ?? null));
    expect(bars.map(patternOf)).toEqual([...everySector.slice(0, 4).map((sector) => `url(#…-${sector})`), undefined]);
    const legendIcons = await chart
      .locator("path.recharts-legend-icon")
      .evaluateAll((icons) => icons.map((icon) => icon.getAttribute("fill")));
    expect(legendIcons.map(patternOf)).toEqual(everySector.map((sector) => `url(#…-${sector})`));
    expect((await chart.locator(".recharts-legend-item-text").allTextContents()).map((text) => text.trim())).toEqual([
      "■ Pemerintah",
      "◆ Swasta",
      "● Masyarakat",
      "▲ Akademisi",
      "★ Media",
    ]);
    const warnings = page.getByTestId("room-report").getByTestId("symbolic-warning");
    expect(await warnings.evaluateAll((items) => items.map((item) => item.getAttribute("data-sector")))).toEqual([
      "community",
      "academia",
      "media",
    ]);
    expect(await page.getByTestId("report-decision").count()).toBe(2);
    expect(await page.getByTestId("report-resources").getByTestId("resource-total-total").textContent()).toBe(
      "750.000",
    );
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("report-print").isVisible()).toBe(false);
    await saveScreenshot(page, "accountability-5-report-print");
    await page.emulateMedia({ media: "screen" });
  });
});
