// The ways into a room, in a real browser and in both languages: a non-member who follows a room link sees
// its preview (purpose, stage, sectors present) and asks to join; a coordinator in another browser lets them
// in and the requester's page opens the room; an open room is joined from its directory preview; a new
// proposal opens with its editor focused; and the first language follows the browser's (en-US: English,
// id-ID: Indonesian, anything else: Indonesian) until the user picks one.
import { Types } from "mongoose";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { browserForSuite, openCoordinatorTools, openSideTab, signInWithCookie } from "../utils/browser.ts";
import { eventually } from "../utils/eventually.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;

const languages = [
  { locale: "id-ID", lang: "id", requestLabel: "Minta bergabung", joinLabel: "Bergabung", approveLabel: "Terima" },
  { locale: "en-US", lang: "en", requestLabel: "Request to join", joinLabel: "Join", approveLabel: "Let in" },
] as const;

async function coordinatorWithRoom(
  visibility: "open" | "invite-only",
): Promise<{ coordinator: ApiClient; roomId: string; title: string }> {
  const { client } = await registeredClient(server.url, "government", { organisation: "Dinas PU" });
  const title = `Air bersih ${visibility} ${Date.now().toString(36)}`;
  const room = await client.post("/api/rooms", {
    title,
    purpose: "Menyepakati jadwal distribusi air",
    visibility,
    stage: "formation",
  });
  expect(room.status, JSON.stringify(room.body)).toBe(201);
  return { coordinator: client, roomId: room.body.id, title };
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

for (const language of languages) {
  describe(`ways in (${language.lang})`, () => {
    it("follows a room link as a non-member, asks to join, and gets in once a coordinator approves", async () => {
      const { coordinator, roomId, title } = await coordinatorWithRoom("invite-only");
      const requesterAccount = await registeredClient(server.url, "community", { organisation: "Forum Warga" });

      const requester = await browserSuite.openUserForTest({ locale: language.locale });
      await signInWithCookie(requester, server.url, requesterAccount.client.refreshCookie, `/rooms/${roomId}`);
      const page = requester.page;
      const preview = page.getByTestId("room-preview");
      await preview.waitFor();
      expect(await htmlLang(page)).toBe(language.lang);
      expect(await page.getByTestId("retry").count()).toBe(0);
      expect(await page.getByTestId("preview-room-title").textContent()).toBe(title);
      expect(await page.getByTestId("preview-purpose").textContent()).toBe("Menyepakati jadwal distribusi air");
      expect(await preview.getByTestId("stage-badge").getAttribute("data-stage")).toBe("formation");
      expect(
        await page
          .getByTestId("preview-sectors")
          .getByTestId("sector-badge")
          .evaluateAll((badges) => badges.map((badge) => badge.getAttribute("data-sector"))),
      ).toEqual(["government"]);
      const request = page.getByTestId("request-to-join");
      expect(await request.textContent()).toBe(language.requestLabel);
      await request.click();
      await page.getByTestId("request-pending").waitFor();

      const stored = await server.connection
        .collection("joinrequests")
        .findOne({ roomId: new Types.ObjectId(roomId), userId: new Types.ObjectId(requesterAccount.session.user.id) });
      expect(stored?.status).toBe("pending");

      const approver = await browserSuite.openUserForTest({ locale: language.locale });
      await signInWithCookie(approver, server.url, coordinator.refreshCookie, `/rooms/${roomId}`);
      await openCoordinatorTools(approver.page);
      const item = approver.page
        .getByTestId("join-request")
        .filter({ hasText: requesterAccount.session.user.displayName });
      await item.waitFor();
      const approve = item.getByTestId("join-request-approve");
      expect(await approve.textContent()).toContain(language.approveLabel);
      await approve.click();
      await approver.page.getByTestId("join-requests-empty").waitFor();

      // The requester's page notices the approval by itself and opens the room.
      await page.getByTestId("room").waitFor({ timeout: 20_000 });
      expect(await page.getByTestId("room-title").textContent()).toBe(title);
      await openSideTab(page, "people");
      await page
        .getByTestId("sector-group-community")
        .getByTestId("member")
        .filter({
          hasText: requesterAccount.session.user.displayName,
        })
        .waitFor();
      const membership = await eventually(async () => {
        const found = await server.connection.collection("memberships").findOne({
          roomId: new Types.ObjectId(roomId),
          userId: new Types.ObjectId(requesterAccount.session.user.id),
        });
        expect(found).not.toBeNull();
        return found;
      });
      expect(membership).toMatchObject({ role: "participant", sector: "community", organisation: "Forum Warga" });
      expect(
        await server.connection
          .collection("auditentries")
          .countDocuments({ roomId: new Types.ObjectId(roomId), action: "joinRequest.approved" }),
      ).toBe(1);
    });

    it("joins an open room from its directory entry's preview", async () => {
      const { roomId, title } = await coordinatorWithRoom("open");
      const visitorAccount = await registeredClient(server.url, "private", { organisation: "Kadin" });
      const visitor = await browserSuite.openUserForTest({ locale: language.locale });
      await signInWithCookie(visitor, server.url, visitorAccount.client.refreshCookie, "/rooms/open");
      const page = visitor.page;
      const card = page.getByTestId("room-card").filter({ hasText: title });
      await card.getByTestId("room-link").click();
      await page.waitForURL((url) => url.pathname === `/rooms/${roomId}`);
      const join = page.getByTestId("room-preview").getByTestId("preview-join");
      expect(await join.textContent()).toBe(language.joinLabel);
      await join.click();
      await page.getByTestId("room").waitFor();
      await openSideTab(page, "people");
      await page
        .getByTestId("sector-group-private")
        .getByTestId("member")
        .filter({
          hasText: visitorAccount.session.user.displayName,
        })
        .waitFor();
      const membership = await server.connection.collection("memberships").findOne({
        roomId: new Types.ObjectId(roomId),
        userId: new Types.ObjectId(visitorAccount.session.user.id),
      });
      expect(membership).toMatchObject({ role: "participant", sector: "private" });
    });

    it("opens a new proposal on creation with its editor focused", async () => {
      const { coordinator, roomId } = await coordinatorWithRoom("invite-only");
      const user = await browserSuite.openUserForTest({ locale: language.locale });
      await signInWithCookie(user, server.url, coordinator.refreshCookie, `/rooms/${roomId}`);
      const page = user.page;
      await page.getByTestId("new-proposal-title").fill("Jadwal distribusi");
      await page.getByTestId("create-proposal").click();
      await page.waitForURL((url) => /^\/rooms\/[0-9a-f]{24}\/proposals\/[0-9a-f]{24}$/.test(url.pathname));
      const proposalId = new URL(page.url()).pathname.split("/").pop() ?? "";
      const view = page.locator(`.proposal-view[data-proposal-id="${proposalId}"]`);
      await view.waitFor();
      expect(await page.getByTestId("proposal-title").textContent()).toBe("Jadwal distribusi");
      // The editor holds the focus: the author can type at once. (Polled with evaluate: the page's CSP
      // refuses the string functions waitForFunction would compile.)
      await eventually(async () => {
        expect(
          await page.evaluate(`(() => {
            const focused = document.activeElement;
            return focused?.getAttribute("contenteditable") === "true" &&
              focused.closest('.proposal-view[data-proposal-id="${proposalId}"]') !== null;
          })()`),
        ).toBe(true);
      });
      await page.keyboard.type("Mulai");
      await eventually(async () => {
        expect(await view.locator('[contenteditable="true"]').textContent()).toContain("Mulai");
      });
    });
  });
}

describe("the first language", () => {
  for (const [locale, lang] of [
    ["en-US", "en"],
    ["id-ID", "id"],
    ["fr-FR", "id"],
  ] as const) {
    it(`is ${lang} for a browser that asks for ${locale}`, async () => {
      const visitor = await browserSuite.openUserForTest({ locale });
      await visitor.page.goto("/login");
      await visitor.page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
      expect(await visitor.page.getByTestId("language-switch").inputValue()).toBe(lang);
    });
  }

  it("stays the one the user chose, whatever the browser asks for", async () => {
    const visitor = await browserSuite.openUserForTest({ locale: "en-US" });
    await visitor.page.goto("/login");
    await visitor.page.locator('html[lang="en"]').waitFor({ state: "attached" });
    await visitor.page.getByTestId("language-switch").selectOption("id");
    await visitor.page.locator('html[lang="id"]').waitFor({ state: "attached" });
    await visitor.page.reload();
    await visitor.page.getByTestId("language-switch").waitFor();
    expect(await htmlLang(visitor.page)).toBe("id");
    expect(await visitor.page.getByTestId("language-switch").inputValue()).toBe("id");
  });
});
