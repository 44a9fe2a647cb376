// The room laid out for a live session, in a real browser, in both languages and at a desktop (1,280 px)
// and a phone (390 px) width: no page scrolls sideways (the room on each side tab and each room tab, and
// the directory); the app header stays on one row on the desktop; on the phone the editor starts within the
// first screen; the stepper names the room's stage as the current one; an empty room says what to do next;
// and the room says it is offline while the browser is, and stops saying so once it is back.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite, saveScreenshot, signInWithCookie } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;

type Language = "id" | "en";

const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

const sideTabs = ["discussion", "motion", "versions", "people"] as const;
const roomTabs = ["decisions", "commitments", "resources", "participation"] as const;

const words = {
  id: {
    formation: "Pembentukan",
    current: "tahap saat ini",
    sideTabs: ["Diskusi", "Mosi", "Versi", "Anggota"],
    proposalsEmpty: "Belum ada usulan. Beri judul usulan pertama di bawah lalu buat.",
    chatEmpty: "Belum ada pesan. Tulis pesan pertama di bawah.",
    motionNoProposal: "Buka usulan untuk melihat mosinya, atau untuk mengajukannya ke pemungutan suara.",
    offline: "Anda sedang luring. Suntingan Anda tetap di perangkat ini dan dikirim saat Anda kembali daring.",
  },
  en: {
    formation: "Formation",
    current: "current stage",
    sideTabs: ["Discussion", "Motion", "Versions", "People"],
    proposalsEmpty: "No proposals yet. Give the first one a title below and create it.",
    chatEmpty: "No messages yet. Write the first one below.",
    motionNoProposal: "Open a proposal to see its motion, or to put it to a vote.",
    offline: "You are offline. Your edits stay on this device and are sent when you are back online.",
  },
} as const;

// Long enough to be cut to two lines with a "show all" button, as a real purpose often is.
const purpose =
  "Menyepakati jadwal distribusi air bersih untuk tiga kelurahan di Makassar selama musim kemarau, " +
  "dengan pembagian peran antara pemerintah kota, PDAM, pengusaha lokal, kampus dan warga; " +
  "termasuk siapa menanggung biaya truk tangki dan bagaimana keluhan warga dicatat.";

let coordinator: { email: string; password: string };
let roomId = "";
let proposalId = "";
let emptyRoomId = "";

beforeAll(async () => {
  const account = await registeredClient(server.url, "government", { organisation: "Dinas PU Makassar" });
  coordinator = { email: account.input.email, password: account.input.password };
  const api = account.client;
  const room = await api.post("/api/rooms", { title: "Air bersih musim kemarau", purpose, visibility: "open" });
  expect(room.status, JSON.stringify(room.body)).toBe(201);
  roomId = room.body.id;
  const staged = await api.patch(`/api/rooms/${roomId}/stage`, { stage: "formation" });
  expect(staged.status, JSON.stringify(staged.body)).toBe(200);
  proposalId = await seedProposal(server, roomId, account.session.user.id, "Truk tangki datang setiap Senin.");
  const empty = await api.post("/api/rooms", { title: "Ruang kosong", visibility: "invite-only" });
  expect(empty.status, JSON.stringify(empty.body)).toBe(201);
  emptyRoomId = empty.body.id;
});

async function signedIn(
  language: Language,
  size: { width: number; height: number },
  path: string,
  beforeLoad?: (user: BrowserUser) => Promise<void>,
) {
  const user = await browserSuite.openUserForTest();
  await user.page.setViewportSize(size);
  await beforeLoad?.(user);
  await user.context.addInitScript({ content: `localStorage.setItem("mufakat.locale", ${JSON.stringify(language)});` });
  // A session of its own: a refresh cookie is rotated on use, and one presented twice ends the session.
  const session = new ApiClient(server.url);
  const login = await session.post("/api/auth/login", coordinator);
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  await signInWithCookie(user, server.url, session.refreshCookie, path);
  await user.page.locator(`html[lang="${language}"]`).waitFor({ state: "attached" });
  return user;
}

/** How wide the page lays out, against the viewport: equal when nothing scrolls sideways. */
async function pageWidth(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  // A string: the tests package has no DOM types.
  return page.evaluate(
    "({ scrollWidth: document.scrollingElement.scrollWidth, viewport: window.innerWidth })",
  ) as Promise<{ scrollWidth: number; viewport: number }>;
}

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, viewport } = await pageWidth(page);
  expect(scrollWidth, `${where}: laid out ${scrollWidth} px wide in a ${viewport} px viewport`).toBeLessThanOrEqual(
    viewport,
  );
}

describe.each(["id", "en"] as const)("room layout (%s)", (language) => {
  const say = words[language];

  describe.each(widths)("at $width px", (size) => {
    it("never scrolls sideways, puts the editor first and shows the stage as a stepper", async () => {
      const { page } = await signedIn(language, size, `/rooms/${roomId}/proposals/${proposalId}`);
      const editor = page.getByTestId("proposal-editor");
      await editor.waitFor();
      await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor();

      const stepper = page.getByTestId("stage-stepper");
      expect(await stepper.getAttribute("data-stage")).toBe("formation");
      const steps = stepper.getByTestId("stage-step");
      expect(await steps.evaluateAll((items) => items.map((item) => item.getAttribute("data-state")))).toEqual([
        "done",
        "current",
        "next",
        "next",
        "next",
      ]);
      const current = stepper.locator('[aria-current="step"]');
      expect(await current.getAttribute("data-stage")).toBe("formation");
      expect(await current.textContent()).toBe(`2${say.formation} (${say.current})`);

      await saveScreenshot(page, `room-layout-${language}-${size.width}`);
      const editorBox = await editor.boundingBox();
      expect(editorBox).not.toBeNull();
      if (size.name === "phone") {
        // Within the first screen: the top of the editor's text box shows without scrolling.
        expect(editorBox?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(size.height);
      } else {
        // The app header keeps one row: its last part (language, user, log out) sits beside the brand.
        const brand = await page.getByTestId("brand").boundingBox();
        const logout = await page.getByTestId("logout").boundingBox();
        expect(logout?.y ?? Number.POSITIVE_INFINITY).toBeLessThan((brand?.y ?? 0) + (brand?.height ?? 0));
        // At the centre: wider than the side panel beside it.
        const side = await page.getByTestId("room-side").boundingBox();
        expect(editorBox?.width ?? 0).toBeGreaterThan(side?.width ?? Number.POSITIVE_INFINITY);
        expect(side?.x ?? 0).toBeGreaterThan(editorBox?.x ?? Number.POSITIVE_INFINITY);
      }

      const tabs = page.getByTestId("room-side").getByRole("tab");
      expect(await tabs.allTextContents()).toEqual(say.sideTabs);
      for (const tab of sideTabs) {
        await page.getByTestId(`side-tab-${tab}`).click();
        await page.getByTestId(`side-panel-${tab}`).waitFor();
        expect(await page.getByTestId(`side-tab-${tab}`).getAttribute("aria-selected")).toBe("true");
        await expectNoSidewaysScroll(page, `side tab ${tab}`);
      }
      await saveScreenshot(page, `room-layout-${language}-${size.width}-people`);

      for (const tab of roomTabs) {
        await page.getByTestId(`room-tab-${tab}`).click();
        await page.getByTestId(`${tab}-tab`).waitFor();
        // The widest part of a tab: the participation table (scrolling within itself) once it has loaded.
        if (tab === "participation") await page.getByTestId("participation-table").waitFor();
        await expectNoSidewaysScroll(page, `room tab ${tab}`);
      }
      await saveScreenshot(page, `room-layout-${language}-${size.width}-participation`);

      await page.getByTestId("nav-directory").click();
      await page.getByTestId("room-card").first().waitFor();
      await expectNoSidewaysScroll(page, "directory");
    });
  });

  it("says what to do next in an empty room", async () => {
    const { page } = await signedIn(language, widths[1], `/rooms/${emptyRoomId}`);
    expect(await page.getByTestId("proposals-empty").textContent()).toBe(say.proposalsEmpty);
    await page.getByTestId("room-chat").getByText(say.chatEmpty, { exact: true }).waitFor({ state: "attached" });
    await page.getByTestId("side-tab-motion").click();
    expect(await page.getByTestId("motion-no-proposal").textContent()).toBe(say.motionNoProposal);
    await expectNoSidewaysScroll(page, "empty room");
    await saveScreenshot(page, `room-layout-${language}-empty-390`);
  });

  it.each(widths)("loads the room at $width px with its skeletons in place: layout shift under 0.05", async (size) => {
    // Every layout shift the page makes while it loads (none follow input), with what moved.
    const observe = async ({ context }: BrowserUser) => {
      await context.addInitScript({
        content: `window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              if (entry.hadRecentInput) continue;
              const moved = (entry.sources || []).map((source) =>
                source.node ? source.node.nodeName + "." + source.node.className : "?");
              window.__shifts.push({ value: entry.value, moved });
            }
          }).observe({ type: "layout-shift", buffered: true });`,
      });
    };
    const { page } = await signedIn(language, size, `/rooms/${roomId}/proposals/${proposalId}`, observe);
    await page.getByTestId("proposal-editor").and(page.locator('[contenteditable="true"]')).waitFor();
    await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor();
    await page.waitForLoadState("networkidle");
    const shifts = (await page.evaluate("window.__shifts")) as { value: number; moved: string[] }[];
    const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
    expect(total, JSON.stringify(shifts)).toBeLessThan(0.05);
  });

  it("shows an offline banner while the browser is offline, and clears it once it is back", async () => {
    const user: BrowserUser = await signedIn(language, widths[0], `/rooms/${roomId}/proposals/${proposalId}`);
    const { page, context } = user;
    await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor();
    expect(await page.getByTestId("offline-banner").count()).toBe(0);

    await context.setOffline(true);
    const banner = page.getByTestId("offline-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toBe(say.offline);
    expect(await banner.getAttribute("data-state")).toBe("offline");
    await saveScreenshot(page, `room-layout-${language}-offline`);

    await context.setOffline(false);
    await banner.waitFor({ state: "detached" });
    await eventually(async () => {
      expect(await page.getByTestId("connection-status").getAttribute("data-state")).toBe("connected");
    });
    expect(await page.getByTestId("offline-banner").count()).toBe(0);
  });
});
