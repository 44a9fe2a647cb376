// A consensus decision in real browsers: a government coordinator opens a motion on a proposal's frozen
// text with a supermajority of exactly 2/3; members of the private sector and the community vote in their
// own browsers (the community member objects, with a reason); every browser's per-sector bars follow
// without a reload; the last vote closes the motion, and the decision log shows it with an intact chain,
// then a broken one at record 1 once the stored record is tampered with.
import { createHash } from "node:crypto";
import { Types } from "mongoose";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite, saveScreenshot } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;
let coordinator: BrowserUser;
let privateMember: BrowserUser;
let communityMember: BrowserUser;

const proposalText = "Distribusi air bersih: Senin dan Kamis, pukul 06.00–10.00. <b>Bukan markup</b>";
let roomId = "";
let proposalId = "";
const accounts: Record<"government" | "private" | "community", { email: string; password: string; name: string }> = {
  government: { email: "", password: "", name: "" },
  private: { email: "", password: "", name: "" },
  community: { email: "", password: "", name: "" },
};

async function member(sector: keyof typeof accounts, organisation: string): Promise<{ client: ApiClient; id: string }> {
  const { client, input, session } = await registeredClient(server.url, sector, { organisation });
  accounts[sector] = { email: input.email, password: input.password, name: input.displayName };
  return { client, id: session.user.id };
}

async function coordinatorId(): Promise<string | undefined> {
  const user = await server.connection.collection("users").findOne({ email: accounts.government.email });
  return user?._id.toHexString();
}

/** Logs in through the login page and lands on `next`. */
async function logIn(page: Page, sector: keyof typeof accounts, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId("login-email").fill(accounts[sector].email);
  await page.getByTestId("login-password").fill(accounts[sector].password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
}

/** The number shown for one position in one sector's tally bar, waited for until it reads `expected`. */
async function expectCount(page: Page | Locator, sector: string, position: string, expected: number): Promise<void> {
  await page
    .getByTestId(`tally-sector-${sector}`)
    .getByTestId(`tally-count-${position}`)
    .filter({ hasText: new RegExp(`^${expected}$`) })
    .waitFor();
}

async function countsOf(page: Page | Locator, sector: string): Promise<Record<string, string | null>> {
  const row = page.getByTestId(`tally-sector-${sector}`);
  const result: Record<string, string | null> = {};
  for (const position of ["support", "supportWithReservations", "standAside", "object", "block"]) {
    result[position] = await row.getByTestId(`tally-count-${position}`).textContent();
  }
  return result;
}

beforeAll(async () => {
  coordinator = await browserSuite.openUser();
  privateMember = await browserSuite.openUser();
  communityMember = await browserSuite.openUser();

  const government = await member("government", "Dinas PU Kota Makassar");
  const room = await government.client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  for (const [sector, organisation] of [
    ["private", "PT Air Sejahtera"],
    ["community", "Forum Warga Tamalate"],
  ] as const) {
    const { client } = await member(sector, organisation);
    expect((await client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
  }
  proposalId = await seedProposal(server, roomId, government.id, proposalText);
});

describe("a motion voted in three browsers", () => {
  const proposalPath = (id = proposalId) => `/rooms/${roomId}/proposals/${id}`;

  it("the coordinator opens a motion with a 2/3 supermajority on the frozen text", async () => {
    const { page } = coordinator;
    await logIn(page, "government", proposalPath());
    await page.getByTestId("proposal-view").waitFor();
    await page.getByTestId("motion-none").waitFor();
    await page.getByTestId("motion-duration").fill("30");
    await page.getByTestId("motion-custom-rule").check();
    await page.getByTestId("rule-consensus").selectOption("supermajority");
    await page.getByTestId("rule-threshold-numerator").fill("2");
    await page.getByTestId("rule-threshold-denominator").fill("3");
    expect(await page.getByTestId("rule-block-is-veto").isChecked()).toBe(true);
    await page.getByTestId("open-motion-submit").click();

    await page.getByTestId("running-motion").waitFor();
    // User-written text is shown as text, never as markup.
    expect(await page.getByTestId("motion-frozen-text").textContent()).toBe(proposalText);
    expect(await page.getByTestId("motion-hash").getAttribute("data-hash")).toBe(
      createHash("sha256").update(proposalText, "utf8").digest("hex"),
    );
    expect(await page.getByTestId("motion-countdown").textContent()).toMatch(/^Ditutup dalam (29:[0-5]\d|30:00)$/);
    expect(await page.getByTestId("tally-quorum").getAttribute("data-met")).toBe("false");
    const stored = await server.connection
      .collection("motions")
      .findOne({ proposalId: new Types.ObjectId(proposalId) });
    expect(stored?.rule).toMatchObject({
      consensus: { type: "supermajority", threshold: { numerator: 2, denominator: 3 }, blockIsVeto: true },
    });
    await saveScreenshot(page, "motion-vote-1-coordinator-opened");
  });

  it("the private-sector member opens the proposal from the room's list and supports it", async () => {
    const { page } = privateMember;
    await logIn(page, "private", `/rooms/${roomId}`);
    await page.getByTestId("proposal-link").filter({ hasText: "Jadwal air" }).click();
    await page.waitForURL((url) => url.pathname === proposalPath());
    const panel = page.getByTestId("proposal-view").getByTestId("motion-panel");
    await panel.getByTestId("running-motion").waitFor();
    expect(await panel.getByTestId("motion-frozen-text").textContent()).toBe(proposalText);
    await panel.getByTestId("vote-position-support").check();
    await panel.getByTestId("vote-submit").click();
    await panel.getByTestId("vote-mine").and(page.locator('[data-position="support"]')).waitFor();
    await expectCount(page, "private", "support", 1);
    expect(await countsOf(page, "government")).toEqual({
      support: "0",
      supportWithReservations: "0",
      standAside: "0",
      object: "0",
      block: "0",
    });
  });

  it("the community member must give a reason to object, then objects", async () => {
    const { page } = communityMember;
    await logIn(page, "community", proposalPath());
    const panel = page.getByTestId("motion-panel");
    await panel.getByTestId("running-motion").waitFor();
    await expectCount(page, "private", "support", 1);
    await panel.getByTestId("vote-position-object").check();
    await panel.getByTestId("vote-submit").click();
    expect(await panel.getByTestId("vote-reason-error").textContent()).toBe("Tuliskan alasan untuk posisi ini.");
    expect(await server.connection.collection("votes").countDocuments()).toBe(1);

    await panel.getByTestId("vote-reason").fill("Kamis bentrok dengan jadwal pasar <i>Terong</i>");
    await panel.getByTestId("vote-submit").click();
    await panel.getByTestId("vote-mine").and(page.locator('[data-position="object"]')).waitFor();
    await expectCount(page, "community", "object", 1);
    const ballot = panel.getByTestId("ballot").and(page.locator('[data-position="object"]'));
    expect(await ballot.locator(".ballot-reason").textContent()).toBe(
      "Kamis bentrok dengan jadwal pasar <i>Terong</i>",
    );
    await saveScreenshot(page, "motion-vote-2-community-objects");
  });

  it("the first voter's page shows the others' votes without a reload", async () => {
    const { page } = privateMember;
    await expectCount(page, "community", "object", 1);
    expect(await countsOf(page, "community")).toEqual({
      support: "0",
      supportWithReservations: "0",
      standAside: "0",
      object: "1",
      block: "0",
    });
    expect(await countsOf(page, "private")).toMatchObject({ support: "1", object: "0" });
    expect(await page.getByTestId("tally-sector-private").getByTestId("tally-sector-voters").textContent()).toBe(
      "1 dari 1 memberi suara",
    );
    await saveScreenshot(page, "motion-vote-3-first-voter-live");
  });

  it("the coordinator's vote is the last one: the motion closes and every browser shows the decision", async () => {
    const { page } = coordinator;
    await expectCount(page, "community", "object", 1);
    await expectCount(page, "private", "support", 1);
    // Quorum is not met with two voters from two sectors; the preview says so.
    expect(await page.getByTestId("tally-preview").getAttribute("data-outcome")).toBe("noQuorum");
    await page.getByTestId("vote-position-support").check();
    await page.getByTestId("vote-submit").click();

    for (const { page: browserPage } of [coordinator, privateMember, communityMember]) {
      const banner = browserPage.getByTestId("decision-banner");
      await banner.waitFor();
      // Equal sector weighting: (1 + 1 + 0) / 3 reaches 2/3 exactly.
      expect(await banner.getAttribute("data-outcome")).toBe("adopted");
      expect(await banner.getAttribute("data-reason-code")).toBe("supermajority");
      expect(await browserPage.getByTestId("decision-close-reason").getAttribute("data-close-reason")).toBe("allVoted");
      expect(await browserPage.getByTestId("decision-outcome").textContent()).toBe("Keputusan: Disepakati (mufakat)");
      expect(await countsOf(browserPage, "government")).toMatchObject({ support: "1", object: "0" });
      expect(await countsOf(browserPage, "private")).toMatchObject({ support: "1", object: "0" });
      expect(await countsOf(browserPage, "community")).toMatchObject({ support: "0", object: "1" });
      expect(await browserPage.getByTestId("tally-quorum").getAttribute("data-met")).toBe("true");
    }
    await saveScreenshot(privateMember.page, "motion-vote-4-decision-banner");
  });

  it("the decision appears in the decisions tab with an intact chain, and a correction below it", async () => {
    const { page } = coordinator;
    await page.getByTestId("room-tab-decisions").click();
    const record = page.getByTestId("decision-record").and(page.locator('[data-seq="1"]'));
    await record.waitFor();
    expect(await record.getAttribute("data-outcome")).toBe("adopted");
    expect(await record.getByTestId("decision-record-title").textContent()).toBe("Jadwal air");
    const badge = page.getByTestId("integrity-badge");
    expect(await badge.getAttribute("data-valid")).toBe("true");
    expect(await badge.textContent()).toBe("Rantai catatan utuh ✓ (1 catatan diperiksa)");
    const positions = record.getByTestId("decision-record-position");
    expect(await positions.count()).toBe(3);
    expect(
      await record.getByTestId("decision-record-position").and(page.locator('[data-position="object"]')).textContent(),
    ).toContain("Kamis bentrok dengan jadwal pasar <i>Terong</i>");

    await record.getByTestId("correction-open").click();
    await record.getByTestId("correction-note").fill("Jam layanan hari Kamis dibaca 07.00–11.00.");
    await record.getByTestId("correction-submit").click();
    const correction = page.getByTestId("decision-correction");
    await correction.waitFor();
    expect(await correction.getAttribute("data-seq")).toBe("2");
    expect(await correction.getByTestId("decision-correction-note").textContent()).toBe(
      "Jam layanan hari Kamis dibaca 07.00–11.00.",
    );
    await page.getByTestId("integrity-badge").filter({ hasText: "2 catatan diperiksa" }).waitFor();
    await saveScreenshot(page, "motion-vote-5-decision-log");
  });

  it("a record changed in the database breaks the chain at record 1 after a reload", async () => {
    const { page } = coordinator;
    const changed = await server.connection
      .collection("decisionrecords")
      .updateOne({ roomId: new Types.ObjectId(roomId), seq: 1 }, { $set: { "payload.outcome": "blocked" } });
    expect(changed.modifiedCount).toBe(1);
    await page.reload();
    const badge = page.getByTestId("integrity-badge");
    await badge.and(page.locator('[data-valid="false"]')).waitFor();
    expect(await badge.getAttribute("data-broken-seq")).toBe("1");
    expect(await badge.textContent()).toBe("Rantai catatan rusak pada catatan 1 — isi catatan telah diubah");
    await saveScreenshot(page, "motion-vote-6-chain-broken");
  });

  it("a second motion: a position changed, then closed early by the coordinator without quorum", async () => {
    const secondText = "Tarif air untuk rumah ibadah digratiskan.";
    const secondId = await seedProposal(server, roomId, (await coordinatorId()) ?? "", secondText);
    const { page } = coordinator;
    await page.goto(proposalPath(secondId));
    await page.getByTestId("motion-none").waitFor();
    await page.getByTestId("open-motion-submit").click();
    await page.getByTestId("running-motion").waitFor();
    expect(await page.getByTestId("motion-frozen-text").textContent()).toBe(secondText);

    const voter = privateMember.page;
    await voter.goto(proposalPath(secondId));
    const panel = voter.getByTestId("motion-panel").and(voter.locator(`[data-proposal-id="${secondId}"]`));
    await panel.getByTestId("running-motion").waitFor();
    await panel.getByTestId("vote-position-supportWithReservations").check();
    await panel.getByTestId("vote-submit").click();
    await panel.getByTestId("vote-reason-error").waitFor();
    await panel.getByTestId("vote-reason").fill("Perlu batas kuota bulanan");
    await panel.getByTestId("vote-submit").click();
    await panel.getByTestId("vote-mine").and(voter.locator('[data-position="supportWithReservations"]')).waitFor();
    await panel.getByTestId("vote-position-standAside").check();
    await panel.getByTestId("vote-reason").fill("");
    await panel.getByTestId("vote-submit").click();
    await panel.getByTestId("vote-mine").and(voter.locator('[data-position="standAside"]')).waitFor();
    await expectCount(panel, "private", "standAside", 1);
    expect(await countsOf(panel, "private")).toMatchObject({ supportWithReservations: "0", standAside: "1" });

    await expectCount(page, "private", "standAside", 1);
    await page.getByTestId("motion-close").click();
    const banner = page.getByTestId("decision-banner");
    await banner.waitFor();
    expect(await banner.getAttribute("data-outcome")).toBe("noQuorum");
    expect(await page.getByTestId("decision-reason").textContent()).toBe("Jumlah pemberi suara belum mencapai kuorum.");
    expect(await page.getByTestId("decision-close-reason").getAttribute("data-close-reason")).toBe("coordinator");
    await page.getByTestId("decision-early").waitFor();
    await panel.getByTestId("decision-banner").and(voter.locator('[data-outcome="noQuorum"]')).waitFor();
    await saveScreenshot(page, "motion-vote-7-closed-early");

    await page.getByTestId("room-tab-decisions").click();
    const record = page.getByTestId("decision-record").and(page.locator('[data-seq="3"]'));
    await record.waitFor();
    expect(await record.getAttribute("data-outcome")).toBe("noQuorum");
    // Newest first; the earlier tampering still breaks the chain at record 1.
    expect(await page.getByTestId("decision-record").first().getAttribute("data-seq")).toBe("3");
    expect(await page.getByTestId("integrity-badge").getAttribute("data-broken-seq")).toBe("1");
  });

  it("a coordinator lets participants open motions; the participant's panel then offers the form", async () => {
    const { page } = coordinator;
    const voter = privateMember.page;
    await voter.reload();
    await voter.getByTestId("decision-banner").waitFor();
    expect(await voter.getByTestId("open-motion-form").count()).toBe(0);

    await page.getByTestId("settings-participants-may-open").check();
    await page.getByTestId("settings-save").click();
    await page.getByTestId("settings-saved").waitFor();
    const room = await server.connection.collection("rooms").findOne({ _id: new Types.ObjectId(roomId) });
    expect(room?.participantsMayOpenMotions).toBe(true);

    await voter.reload();
    await voter.getByTestId("open-motion-form").waitFor();
  });

  it("shows the decision in English after the language switch", async () => {
    const page = privateMember.page;
    await page.getByTestId("language-switch").selectOption("en");
    await page.getByTestId("decision-outcome").filter({ hasText: "Decision: No quorum" }).waitFor();
    expect(await page.getByTestId("decision-reason").textContent()).toBe("Too few members voted to reach the quorum.");
    expect(await page.getByTestId("decision-close-reason").textContent()).toMatch(
      /^Closed: a coordinator closed the vote \(/,
    );
    expect(await page.getByTestId("decision-early").textContent()).toBe("Closed before the deadline.");
    await saveScreenshot(page, "motion-vote-8-english");
  });

  it("raised no uncaught errors in any browser", () => {
    expect(coordinator.pageErrors).toEqual([]);
    expect(privateMember.pageErrors).toEqual([]);
    expect(communityMember.pageErrors).toEqual([]);
  });
});
