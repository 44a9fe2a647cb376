// A consensus decision in real browsers: a government coordinator opens a motion on a proposal's frozen
// text with a supermajority of exactly 2/3; members of the private sector and the community vote in their
// own browsers (the community member objects, with a reason); every browser's per-sector bars follow
// without a reload; the last vote closes the motion, and the decision log shows it with an intact chain,
// then a broken one at record 1 once the stored record is tampered with. Each test builds the state it
// starts from (a fresh room, its members, the proposal, and any earlier votes and decisions) over REST, so
// the tests pass alone and in any order.
import { createHash, randomUUID } from "node:crypto";
import { Types } from "mongoose";
import type { Locator, Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite, openSideTab, saveScreenshot, signInWithCookie } from "../utils/browser.ts";
import { eventually } from "../utils/eventually.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { storedPositions } from "../utils/ballots.ts";

// One server for the file; every test has its own room, accounts and browsers (closed after the test,
// which fails if a page raised an uncaught error).
const browserSuite = browserForSuite();
const { server } = browserSuite;

const proposalText = "Distribusi air bersih: Senin dan Kamis, pukul 06.00–10.00. <b>Bukan markup</b>";
const objection = "Kamis bentrok dengan jadwal pasar <i>Terong</i>";
const secondText = "Tarif air untuk rumah ibadah digratiskan.";
// Academia joins only the tests that need a sector that does not vote.
type Voter = "government" | "private" | "community" | "academia";
let roomId = "";
let proposalId = "";
const accounts = {} as Record<Voter, { email: string; password: string; name: string; client: ApiClient; id: string }>;

async function member(sector: Voter, organisation: string): Promise<ApiClient> {
  const { client, input, session } = await registeredClient(server.url, sector, { organisation });
  accounts[sector] = {
    email: input.email,
    password: input.password,
    name: input.displayName,
    client,
    id: session.user.id,
  };
  return client;
}

async function coordinatorId(): Promise<string | undefined> {
  const user = await server.connection.collection("users").findOne({ email: accounts.government.email });
  return user?._id.toHexString();
}

// The room every test starts from: a government coordinator, a private-sector and a community member, and
// the proposal to vote on.
beforeEach(async () => {
  const [government, ...joiners] = await Promise.all([
    member("government", "Dinas PU Kota Makassar"),
    member("private", "PT Air Sejahtera"),
    member("community", "Forum Warga Tamalate"),
  ]);
  const room = await government.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  for (const joined of await Promise.all(joiners.map((client) => client.post(`/api/rooms/${roomId}/join`)))) {
    expect(joined.status).toBe(201);
  }
  proposalId = await seedProposal(server, roomId, accounts.government.id, proposalText);
});

/** What the first test opens through the form, over REST: 30 minutes, supermajority of 2/3, block is a veto. */
async function motionOverRest(onProposal = proposalId, custom = true): Promise<string> {
  const opened = await accounts.government.client.post(`/api/rooms/${roomId}/motions`, {
    proposalId: onProposal,
    durationMinutes: 30,
    ...(custom
      ? {
          rule: {
            consensus: { type: "supermajority", threshold: { numerator: 2, denominator: 3 }, blockIsVeto: true },
          },
        }
      : {}),
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return opened.body.id;
}

/** A vote as a member's browser casts it, over REST. */
async function voteOverRest(motionId: string, who: Voter, position: string, reason?: string): Promise<void> {
  const vote = await accounts[who].client.post(`/api/motions/${motionId}/votes`, {
    position,
    clientVoteId: randomUUID(),
    ...(reason ? { reason } : {}),
  });
  expect(vote.status, JSON.stringify(vote.body)).toBe(200);
}

async function closedMotion(motionId: string): Promise<void> {
  await eventually(async () => {
    const read = await accounts.government.client.get(`/api/motions/${motionId}`);
    expect(read.body.status).toBe("closed");
  });
}

/**
 * What the first six tests leave, over REST: the motion adopted when the coordinator's vote closed it
 * (record 1), the correction below it (record 2), and record 1 changed in the database.
 */
async function firstDecisionCorrectedAndTampered(): Promise<void> {
  const motionId = await motionOverRest();
  await voteOverRest(motionId, "private", "support");
  await voteOverRest(motionId, "community", "object", objection);
  await voteOverRest(motionId, "government", "support");
  await closedMotion(motionId);
  const corrected = await accounts.government.client.post(`/api/rooms/${roomId}/decisions/1/corrections`, {
    note: "Jam layanan hari Kamis dibaca 07.00–11.00.",
  });
  expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
  const changed = await server.connection
    .collection("decisionrecords")
    .updateOne({ roomId: new Types.ObjectId(roomId), seq: 1 }, { $set: { "payload.outcome": "blocked" } });
  expect(changed.modifiedCount).toBe(1);
}

/** What the eighth test leaves, over REST: a second motion, the private member standing aside, closed early. */
async function secondMotionClosedEarly(): Promise<string> {
  const secondId = await seedProposal(server, roomId, accounts.government.id, secondText);
  const motionId = await motionOverRest(secondId, false);
  await voteOverRest(motionId, "private", "standAside");
  expect((await accounts.government.client.post(`/api/motions/${motionId}/close`)).status).toBe(200);
  await closedMotion(motionId);
  return secondId;
}

/** Logs in through the login page and lands on `next`. */
async function logIn(page: Page, sector: keyof typeof accounts, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId("login-email").fill(accounts[sector].email);
  await page.getByTestId("login-password").fill(accounts[sector].password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => url.pathname === next.split("?")[0]);
  if (next.includes("/proposals/")) await openSideTab(page, "motion");
}

/** A browser signed in as `who` on `path` for this test, set up without the login form. */
async function signedIn(who: Voter, path: string): Promise<BrowserUser> {
  const user = await browserSuite.openUserForTest();
  await signInWithCookie(user, server.url, accounts[who].client.refreshCookie, path);
  // The motion sits in the room's side panel, beside the editor.
  if (path.includes("/proposals/")) await openSideTab(user.page, "motion");
  return user;
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

describe("a motion voted in three browsers", () => {
  const proposalPath = (id = proposalId) => `/rooms/${roomId}/proposals/${id}`;

  it("the coordinator opens a motion with a 2/3 supermajority on the frozen text", async () => {
    const { page } = await browserSuite.openUserForTest();
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
    await motionOverRest();
    const { page } = await browserSuite.openUserForTest();
    await logIn(page, "private", `/rooms/${roomId}`);
    await page.getByTestId("proposal-link").filter({ hasText: "Jadwal air" }).click();
    await page.waitForURL((url) => url.pathname === proposalPath());
    await openSideTab(page, "motion");
    const panel = page.getByTestId("motion-panel");
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
    const motionId = await motionOverRest();
    await voteOverRest(motionId, "private", "support");
    const { page } = await browserSuite.openUserForTest();
    await logIn(page, "community", proposalPath());
    const panel = page.getByTestId("motion-panel");
    await panel.getByTestId("running-motion").waitFor();
    await expectCount(page, "private", "support", 1);
    await panel.getByTestId("vote-position-object").check();
    await panel.getByTestId("vote-submit").click();
    expect(await panel.getByTestId("vote-reason-error").textContent()).toBe("Tuliskan alasan untuk posisi ini.");
    expect((await storedPositions(server.connection, motionId)).length).toBe(1);

    await panel.getByTestId("vote-reason").fill(objection);
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
    const motionId = await motionOverRest();
    await voteOverRest(motionId, "private", "support");
    const { page } = await signedIn("private", proposalPath());
    await page
      .getByTestId("motion-panel")
      .getByTestId("vote-mine")
      .and(page.locator('[data-position="support"]'))
      .waitFor();
    await expectCount(page, "private", "support", 1);
    // The community member objects while the first voter's page stays open.
    await voteOverRest(motionId, "community", "object", objection);
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
    const motionId = await motionOverRest();
    await voteOverRest(motionId, "private", "support");
    await voteOverRest(motionId, "community", "object", objection);
    const [privateMember, communityMember, coordinator] = await Promise.all([
      signedIn("private", proposalPath()),
      signedIn("community", proposalPath()),
      signedIn("government", proposalPath()),
    ]);
    for (const { page: voterPage } of [privateMember, communityMember]) {
      await voterPage.getByTestId("motion-panel").getByTestId("running-motion").waitFor();
    }
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
    const motionId = await motionOverRest();
    await voteOverRest(motionId, "private", "support");
    await voteOverRest(motionId, "community", "object", objection);
    await voteOverRest(motionId, "government", "support");
    await closedMotion(motionId);
    const { page } = await signedIn("government", proposalPath());
    await page.getByTestId("decision-banner").waitFor();
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
    ).toContain(objection);

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
    const motionId = await motionOverRest();
    await voteOverRest(motionId, "private", "support");
    await voteOverRest(motionId, "community", "object", objection);
    await voteOverRest(motionId, "government", "support");
    await closedMotion(motionId);
    const corrected = await accounts.government.client.post(`/api/rooms/${roomId}/decisions/1/corrections`, {
      note: "Jam layanan hari Kamis dibaca 07.00–11.00.",
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    const { page } = await signedIn("government", proposalPath());
    await page.getByTestId("room-tab-decisions").click();
    await page.getByTestId("integrity-badge").filter({ hasText: "2 catatan diperiksa" }).waitFor();
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
    await firstDecisionCorrectedAndTampered();
    const secondId = await seedProposal(server, roomId, (await coordinatorId()) ?? "", secondText);
    const { page } = await signedIn("government", proposalPath(secondId));
    await page.getByTestId("motion-none").waitFor();
    await page.getByTestId("open-motion-submit").click();
    await page.getByTestId("running-motion").waitFor();
    expect(await page.getByTestId("motion-frozen-text").textContent()).toBe(secondText);

    const voter = (await signedIn("private", proposalPath(secondId))).page;
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
    // Closing early asks first: the decision it records is final.
    const confirmClose = page.getByTestId("confirm-dialog").and(page.locator('[data-act="closeMotion"]'));
    await confirmClose.getByTestId("confirm-dialog-confirm").click();
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
    const secondId = await secondMotionClosedEarly();
    const { page } = await signedIn("government", proposalPath(secondId));
    await page.getByTestId("room-tab-decisions").click();
    const voter = (await signedIn("private", proposalPath(secondId))).page;
    await voter.getByTestId("decision-banner").waitFor();
    expect(await voter.getByTestId("open-motion-form").count()).toBe(0);

    await page.getByTestId("settings-participants-may-open").check();
    await page.getByTestId("settings-save").click();
    await page.getByTestId("settings-saved").waitFor();
    const room = await server.connection.collection("rooms").findOne({ _id: new Types.ObjectId(roomId) });
    expect(room?.participantsMayOpenMotions).toBe(true);

    await voter.reload();
    await openSideTab(voter, "motion");
    await voter.getByTestId("open-motion-form").waitFor();
  });

  it("shows the decision in English after the language switch", async () => {
    const secondId = await secondMotionClosedEarly();
    const { page } = await signedIn("private", proposalPath(secondId));
    await page.getByTestId("decision-banner").waitFor();
    await page.getByTestId("language-switch").selectOption("en");
    await page.getByTestId("decision-outcome").filter({ hasText: "Decision: No quorum" }).waitFor();
    expect(await page.getByTestId("decision-reason").textContent()).toBe("Too few members voted to reach the quorum.");
    expect(await page.getByTestId("decision-close-reason").textContent()).toMatch(
      /^Closed: a coordinator closed the vote \(/,
    );
    expect(await page.getByTestId("decision-early").textContent()).toBe("Closed before the deadline.");
    await saveScreenshot(page, "motion-vote-8-english");
  });
});

describe("what the tally says about each sector, and a ballot with nothing chosen", () => {
  const proposalPath = () => `/rooms/${roomId}/proposals/${proposalId}`;
  const votesOf = async (motionId: string) => (await storedPositions(server.connection, motionId)).length;

  /** Academia joins the room, so the room has four sectors of one member each. */
  async function academiaJoins(): Promise<void> {
    const academia = await member("academia", "Universitas Hasanuddin");
    expect((await academia.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
  }

  /** The explanation under one sector's bar, once it reads `code`. */
  async function explanationOf(page: Page | Locator, sector: string, code: string): Promise<string | null> {
    const explanation = page
      .getByTestId(`tally-sector-${sector}`)
      .getByTestId("tally-sector-explanation")
      .and(page.locator(`[data-explanation="${code}"]`));
    await explanation.waitFor();
    return explanation.textContent();
  }

  it("in Indonesian: names the sectors that have not voted and why that matters, and refuses a ballot with nothing chosen", async () => {
    await academiaJoins();
    // The room's rule: sector consensus at 2/3, quorum of 3 voters from 3 sectors.
    const motionId = await motionOverRest(proposalId, false);
    await voteOverRest(motionId, "government", "support");
    await voteOverRest(motionId, "private", "support");
    const { page } = await signedIn("community", proposalPath());
    const panel = page.getByTestId("motion-panel");
    await panel.getByTestId("running-motion").waitFor();

    // Two sectors of four have voted: the quorum of three sectors is missed, and the tally says so of both
    // sectors that have not voted.
    expect(await page.getByTestId("tally-preview").getAttribute("data-outcome")).toBe("noQuorum");
    const missed =
      "Tidak ada suara dari sektor ini, dan itu berpengaruh: jumlah pemberi suara belum mencapai kuorum, dan suara sektor ini termasuk yang kurang.";
    expect(await explanationOf(page, "community", "didNotVoteQuorumMissed")).toBe(missed);
    expect(await explanationOf(page, "academia", "didNotVoteQuorumMissed")).toBe(missed);
    expect(await explanationOf(page, "government", "reached")).toBe(
      "Mencapai ambang: 1 dari 1 suara yang memihak menyatakan setuju.",
    );
    expect(await page.getByTestId("tally-sectors-without-members").textContent()).toBe(
      "Tidak ada anggota yang berhak memberi suara, sehingga tidak dihitung: Media.",
    );

    // No position is preselected: sending without choosing is refused under the positions, nothing is cast.
    expect(await panel.locator('input[type="radio"]:checked').count()).toBe(0);
    await panel.getByTestId("vote-submit").click();
    const error = panel.getByTestId("vote-position-error");
    await error.waitFor();
    expect(await error.textContent()).toBe("Pilih posisi sebelum mengirim.");
    expect(await panel.getByTestId("vote-positions").getAttribute("data-invalid")).toBe("true");
    expect(await panel.getByTestId("vote-position-support").getAttribute("aria-invalid")).toBe("true");
    expect(await panel.getByTestId("vote-mine").count()).toBe(0);
    expect(await votesOf(motionId)).toBe(2);

    // Choosing clears the error; the vote then counts, and the tally says academia's absence no longer matters.
    await panel.getByTestId("vote-position-supportWithReservations").check();
    expect(await panel.getByTestId("vote-position-error").count()).toBe(0);
    await panel.getByTestId("vote-reason").fill("Perlu jadwal cadangan");
    await panel.getByTestId("vote-submit").click();
    await panel.getByTestId("vote-mine").and(page.locator('[data-position="supportWithReservations"]')).waitFor();
    expect(await votesOf(motionId)).toBe(3);
    expect(await explanationOf(page, "academia", "didNotVoteNotRequired")).toBe(
      "Tidak ada suara dari sektor ini. Kuorum tercapai tanpa sektor ini, dan sektor yang tidak memberi suara tidak dihitung mendukung maupun menolak, sehingga hal ini tidak mengubah hasil.",
    );
    expect(await explanationOf(page, "community", "reached")).toBe(
      "Mencapai ambang: 1 dari 1 suara yang memihak menyatakan setuju.",
    );
    await page.getByTestId("tally-preview").and(page.locator('[data-outcome="adopted"]')).waitFor();
    expect(await page.getByTestId("tally-preview").textContent()).toBe(
      "Jika ditutup sekarang: Disepakati (mufakat) — Setiap sektor yang memihak mencapai ambang dukungan; sektor yang tidak memberi suara tidak dihitung.",
    );
    await saveScreenshot(page, "motion-vote-9-sector-explanations");
  });

  it("in English: refuses a ballot with nothing chosen, and the decision names the sector that did not vote", async () => {
    await academiaJoins();
    const motionId = await motionOverRest(proposalId, false);
    await voteOverRest(motionId, "government", "support");
    await voteOverRest(motionId, "private", "support");
    await voteOverRest(motionId, "community", "support");
    const { page } = await signedIn("academia", proposalPath());
    await page.getByTestId("language-switch").selectOption("en");
    const panel = page.getByTestId("motion-panel");
    await panel.getByTestId("running-motion").waitFor();
    await panel.getByTestId("vote-submit").filter({ hasText: "Send position" }).waitFor();

    expect(await panel.locator('input[type="radio"]:checked').count()).toBe(0);
    await panel.getByTestId("vote-submit").click();
    const error = panel.getByTestId("vote-position-error");
    await error.waitFor();
    expect(await error.textContent()).toBe("Choose a position before sending.");
    expect(await votesOf(motionId)).toBe(3);
    expect(await explanationOf(page, "academia", "didNotVoteNotRequired")).toBe(
      "No votes from this sector. The quorum is met without it, and a sector that does not vote counts neither for nor against, so this does not change the outcome.",
    );

    // The coordinator closes the vote with academia still silent: the decision says so, and why it did not matter.
    expect((await accounts.government.client.post(`/api/motions/${motionId}/close`)).status).toBe(200);
    const banner = page.getByTestId("decision-banner");
    await banner.waitFor();
    expect(await banner.getAttribute("data-outcome")).toBe("adopted");
    expect(await page.getByTestId("decision-reason").textContent()).toBe(
      "Every sector that took a side reached the support threshold; a sector that did not vote is not counted.",
    );
    const absent = page.getByTestId("decision-absent-sectors");
    expect(await absent.getAttribute("data-sectors")).toBe("academia");
    expect(await absent.getAttribute("data-mattered")).toBe("false");
    expect(await absent.textContent()).toBe(
      "Did not vote: Academia. The quorum was met without it, and a sector that does not vote counts neither for nor against, so this did not change the outcome.",
    );
    expect(await explanationOf(page, "academia", "didNotVoteNotRequired")).toContain("No votes from this sector.");
    expect(await votesOf(motionId)).toBe(3);

    // The decision log's record says the same.
    await page.getByTestId("room-tab-decisions").click();
    const record = page.getByTestId("decision-record").and(page.locator('[data-seq="1"]'));
    await record.waitFor();
    expect(await explanationOf(record, "academia", "didNotVoteNotRequired")).toContain("No votes from this sector.");
    await saveScreenshot(page, "motion-vote-10-decision-english");
  });
});
