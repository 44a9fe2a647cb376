// The whole path of a decision with the keyboard alone (WCAG 2.1.1), in Indonesian and in English: the skip
// link is the first tab stop and leads to the page's heading; the coordinator logs in (focus lands on the
// heading of the page the login leads to), opens the room from the list (focus on the room's heading), opens
// the proposal, edits its text, votes (focus on the stored position), and closes the motion early through
// its confirmation (focus starts on Cancel, Tab stays inside the dialog, and lands on the decision after).
// Only keyboard presses and typed text drive the page; the stored edit, vote and closed motion are read back.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { browserForSuite } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { paragraphTextOf, storedState } from "../utils/socket.ts";

const suite = browserForSuite();
const { server } = suite;

const roomTitle = "Air bersih Tamalate";
const proposalText = "Distribusi air: Senin dan Kamis.";
const addedText = " Pukul 06.00.";

let coordinator: { client: ApiClient; email: string; password: string; id: string };
let community: ApiClient;
let roomId = "";
let proposalId = "";
let motionId = "";

beforeEach(async () => {
  const government = await registeredClient(server.url, "government", { organisation: "Dinas PU" });
  const member = await registeredClient(server.url, "community", { organisation: "Forum Warga" });
  const business = await registeredClient(server.url, "private", { organisation: "PT Air" });
  const silent = await registeredClient(server.url, "academia", { organisation: "Universitas Hasanuddin" });
  coordinator = {
    client: government.client,
    email: government.input.email,
    password: government.input.password,
    id: government.session.user.id,
  };
  community = member.client;
  const room = await government.client.post("/api/rooms", { title: roomTitle, visibility: "open" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  expect((await community.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
  expect((await business.client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
  expect((await silent.client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
  proposalId = await seedProposal(server, roomId, coordinator.id, proposalText);
  const motion = await government.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 60 });
  expect(motion.status, JSON.stringify(motion.body)).toBe(201);
  motionId = motion.body.id;
  // The community and private-sector members support and the academic never votes: the motion stays open
  // after the coordinator's vote, and closing it early decides on three ballots of four (the default
  // quorum is three voters from three sectors).
  for (const voter of [community, business.client]) {
    const vote = await voter.post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(vote.status).toBe(200);
  }
});

/** What has focus: its data-testid, or its tag and text when it has none. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Focusable = { tagName: string; textContent: string | null; getAttribute(name: string): string | null };
    const { document } = globalThis as unknown as { document: { activeElement: Focusable | null; body: Focusable } };
    const active = document.activeElement;
    if (!active || active === document.body) return "body";
    const testId = active.getAttribute("data-testid");
    return testId ?? `${active.tagName.toLowerCase()}:${(active.textContent ?? "").trim()}`;
  });
}

/** Presses Tab until `testId` has focus (at most `limit` presses), and says how many it took. */
async function tabTo(page: Page, testId: string, limit = 60): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press("Tab");
    if ((await focused(page)) === testId) return presses;
  }
  throw new Error(`${testId} was not reached within ${limit} presses of Tab; focus is on ${await focused(page)}`);
}

/** Waits until focus is on `expected` (focus moves after a route change or an answer, not at once). */
async function focusIs(page: Page, expected: string): Promise<void> {
  await eventually(async () => expect(await focused(page)).toBe(expected));
}

const words = {
  id: {
    loginTitle: "Masuk",
    login: "Masuk ke Mufakat",
    myRooms: "Ruang musyawarah saya",
    mine: "Posisi Anda saat ini: Setuju",
  },
  en: {
    loginTitle: "Log in",
    login: "Log in to Mufakat",
    myRooms: "My deliberation rooms",
    mine: "Your current position: Support",
  },
} as const;

describe.each(["id", "en"] as const)("a decision taken with the keyboard alone, in %s", (language) => {
  it("logs in, opens the room and the proposal, edits, votes and closes early with its confirmation", async () => {
    const { page, context } = await suite.openUserForTest();
    await context.addInitScript({ content: `localStorage.setItem("mufakat.locale", ${JSON.stringify(language)});` });
    const text = words[language];

    await page.goto("/login");
    await page.getByTestId("login-form").waitFor();
    expect(await page.title()).toBe(`${text.loginTitle} · Mufakat`);
    // The skip link is the first tab stop and leads past the header to the page's heading.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("skip-link");
    await page.keyboard.press("Enter");
    expect(await focused(page)).toBe(`h1:${text.login}`);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("login-email");
    await page.keyboard.type(coordinator.email);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("login-password");
    await page.keyboard.type(coordinator.password);
    await page.keyboard.press("Enter");

    // Logged in: focus is on the heading of the page the login led to.
    await page.waitForURL((url) => url.pathname === "/rooms");
    await focusIs(page, `h1:${text.myRooms}`);
    expect(await page.title()).toBe(`${text.myRooms} · Mufakat`);

    await tabTo(page, "room-link");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/rooms/${roomId}`);
    await focusIs(page, "room-title");
    expect(await page.title()).toBe(`${roomTitle} · Mufakat`);

    // Choosing a proposal keeps focus on the chosen entry in the list.
    await tabTo(page, "proposal-link");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/rooms/${roomId}/proposals/${proposalId}`);
    expect(await focused(page)).toBe("proposal-link");

    // The editor is reached by Tab; the text is added at its end.
    await page.getByTestId("proposal-editor").filter({ hasText: proposalText }).waitFor();
    await tabTo(page, "proposal-editor");
    await page.keyboard.press("Control+End");
    await page.keyboard.type(addedText);
    await eventually(async () => {
      const stored = await storedState(server.connection, proposalId);
      expect(paragraphTextOf(stored.state)).toBe(`${proposalText}${addedText}`);
    });

    // The side panel's tabs are one tab stop; the arrow keys move to the motion's tab, which shows its panel.
    await tabTo(page, "side-tab-discussion");
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("side-tab-motion");
    expect(await page.getByTestId("side-tab-motion").getAttribute("aria-selected")).toBe("true");

    // A vote: Tab into the positions (none is chosen yet), Space chooses "support", Enter on the button.
    await page.getByTestId("vote-form").waitFor();
    await tabTo(page, "vote-position-support");
    expect(await page.getByTestId("vote-position-support").isChecked()).toBe(false);
    await page.keyboard.press("Space");
    expect(await page.getByTestId("vote-position-support").isChecked()).toBe(true);
    // The arrow keys move between the positions; back to "support" before sending.
    await page.keyboard.press("ArrowRight");
    expect(await focused(page)).toBe("vote-position-supportWithReservations");
    await page.keyboard.press("ArrowLeft");
    expect(await focused(page)).toBe("vote-position-support");
    await tabTo(page, "vote-submit");
    await page.keyboard.press("Enter");
    await focusIs(page, "vote-mine");
    expect(await page.getByTestId("vote-mine").textContent()).toBe(text.mine);
    await eventually(async () => {
      const motion = await coordinator.client.get(`/api/motions/${motionId}`);
      expect(motion.body.myPosition).toBe("support");
      expect(motion.body.tally.votersCount).toBe(3);
    });

    // Closing early asks first: focus on Cancel, Tab to the confirmation and round again inside the dialog.
    await tabTo(page, "motion-close");
    await page.keyboard.press("Enter");
    await page.getByTestId("confirm-dialog").waitFor();
    expect(await focused(page)).toBe("confirm-dialog-cancel");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("confirm-dialog-confirm");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("confirm-dialog-cancel");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("confirm-dialog-confirm");
    // Escape cancels and gives focus back to the button that opened the dialog.
    await page.keyboard.press("Escape");
    await page.getByTestId("confirm-dialog").waitFor({ state: "detached" });
    expect(await focused(page)).toBe("motion-close");
    expect((await coordinator.client.get(`/api/motions/${motionId}`)).body.status).toBe("open");

    await page.keyboard.press("Enter");
    await page.getByTestId("confirm-dialog").waitFor();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("confirm-dialog-confirm");
    await page.keyboard.press("Enter");
    await focusIs(page, "decision-banner");
    expect(await page.getByTestId("decision-banner").getAttribute("data-outcome")).toBe("adopted");
    const closed = await coordinator.client.get(`/api/motions/${motionId}`);
    expect(closed.body.status).toBe("closed");
    expect(closed.body.closeReason).toBe("coordinator");
    expect(closed.body.tally.outcome).toBe("adopted");
    expect(closed.body.decisionSeq).toBe(1);
  });
});
