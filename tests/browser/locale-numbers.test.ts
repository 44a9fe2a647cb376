// Numbers and dates as each language writes them, in a real browser: a pledge typed with Indonesian
// separators ("2.400.000.000", "1.234,5") or English ones ("2,400,000,000") is stored as that number (read
// back over the API) and shown back in the ledger in the language on screen; separators that could be read
// two ways are refused beside the field with nothing stored; a number typed in one language keeps its value
// when the language changes; a picked day is written out in the language beside its picker.
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite, saveScreenshot, signInWithCookie } from "../utils/browser.ts";
import { eventually } from "../utils/eventually.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;
let user: BrowserUser;
let coordinator: ApiClient;
let roomId = "";

interface StoredPledge {
  id: string;
  quantity: number;
  unit: string;
}

/** The room's pledges as the API serves them: JSON numbers, whatever language they were typed in. */
async function storedPledges(): Promise<StoredPledge[]> {
  const ledger = await coordinator.get(`/api/rooms/${roomId}/resources`);
  expect(ledger.status, JSON.stringify(ledger.body)).toBe(200);
  return ledger.body.pledges as StoredPledge[];
}

async function openTab(page: Page, tab: "resources" | "participation"): Promise<void> {
  await page.getByTestId(`room-tab-${tab}`).click();
  await page.getByTestId(`${tab}-tab`).waitFor();
}

async function chooseLanguage(page: Page, language: "id" | "en"): Promise<void> {
  await page.getByTestId("language-switch").selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: "attached" });
}

/** Pledges funds through the form, as typed; the caller waits for what follows. */
async function pledgeThroughForm(page: Page, quantity: string, unit: string): Promise<void> {
  const form = page.getByTestId("pledge-form");
  await form.getByTestId("pledge-kind").selectOption("funds");
  await form.getByTestId("pledge-quantity").fill(quantity);
  await form.getByTestId("pledge-unit").fill(unit);
  await form.getByTestId("pledge-submit").click();
}

/** Waits for the one stored pledge in `unit` and its line in the ledger; returns both. */
async function pledgedIn(page: Page, unit: string): Promise<{ stored: StoredPledge; shown: string | null }> {
  const stored = await eventually(async () => {
    const found = (await storedPledges()).filter((pledge) => pledge.unit === unit);
    expect(found).toHaveLength(1);
    return found[0] as StoredPledge;
  });
  const line = page.locator(`[data-testid="pledge"][data-id="${stored.id}"]`);
  await line.waitFor();
  return { stored, shown: await line.getByTestId("pledge-amount").textContent() };
}

beforeEach(async () => {
  user = await browserSuite.openUserForTest();
  const account = await registeredClient(server.url, "private", { organisation: "PT Air" });
  coordinator = account.client;
  const room = await coordinator.post("/api/rooms", { title: "Dana air bersih", visibility: "open" });
  expect(room.status, JSON.stringify(room.body)).toBe(201);
  roomId = room.body.id;
  await signInWithCookie(user, server.url, coordinator.refreshCookie, `/rooms/${roomId}`);
});

describe("numbers per language", () => {
  it("stores 2.400.000.000 and 1.234,5 typed in Indonesian as those numbers, and shows them back so", async () => {
    const { page } = user;
    await openTab(page, "resources");
    await pledgeThroughForm(page, "2.400.000.000", "IDR");
    const billions = await pledgedIn(page, "IDR");
    expect(billions.stored.quantity).toBe(2_400_000_000);
    expect(billions.shown).toBe("2.400.000.000 IDR");

    await pledgeThroughForm(page, "1.234,5", "jam");
    const hours = await pledgedIn(page, "jam");
    expect(hours.stored.quantity).toBe(1234.5);
    expect(hours.shown).toBe("1.234,5 jam");
    // The form is empty again and marks nothing.
    expect(await page.getByTestId("pledge-quantity").inputValue()).toBe("");
    expect(await page.getByTestId("pledge-quantity-error").count()).toBe(0);
    await saveScreenshot(page, "locale-numbers-1-id");
  });

  it("stores 2,400,000,000 typed in English as that number, and shows every pledge back in English", async () => {
    const { page } = user;
    const over = await coordinator.post(`/api/rooms/${roomId}/pledges`, {
      kind: "peopleTime",
      quantity: 1234.5,
      unit: "hours",
    });
    expect(over.status, JSON.stringify(over.body)).toBe(201);
    await chooseLanguage(page, "en");
    await openTab(page, "resources");
    await pledgeThroughForm(page, "2,400,000,000", "IDR");
    const billions = await pledgedIn(page, "IDR");
    expect(billions.stored.quantity).toBe(2_400_000_000);
    expect(billions.shown).toBe("2,400,000,000 IDR");
    expect((await pledgedIn(page, "hours")).shown).toBe("1,234.5 hours");

    // The same ledger in Indonesian.
    await chooseLanguage(page, "id");
    await page.locator('[data-testid="pledge-amount"]', { hasText: "2.400.000.000 IDR" }).waitFor();
    expect((await pledgedIn(page, "hours")).shown).toBe("1.234,5 hours");
    await saveScreenshot(page, "locale-numbers-2-en");
  });

  it("refuses separators that could be read two ways beside the field, in each language, and stores nothing", async () => {
    const { page } = user;
    await openTab(page, "resources");
    await pledgeThroughForm(page, "2,400.5", "IDR");
    const fieldError = page.getByTestId("pledge-quantity-error");
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toBe(
      "Tanda pemisahnya tidak jelas: titik memisahkan ribuan (2.400.000), koma menandai desimal (1.234,5)",
    );
    expect(await page.getByTestId("pledge-quantity").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("pledge-error").getAttribute("data-error-code")).toBe("VALIDATION_FAILED");

    await chooseLanguage(page, "en");
    await page.getByTestId("pledge-quantity").fill("2.400,5");
    await page.getByTestId("pledge-submit").click();
    await fieldError
      .filter({
        hasText:
          "The separators are unclear: commas separate thousands (2,400,000), a point marks the decimals (1,234.5)",
      })
      .waitFor();
    await page.getByTestId("pledge-quantity").fill("Rp 5");
    await page.getByTestId("pledge-submit").click();
    await fieldError.filter({ hasText: "Write a number, for example 2,400,000 or 1,234.5" }).waitFor();
    expect(await storedPledges()).toEqual([]);
  });

  it("keeps a typed number's value when the language changes, rewriting its separators", async () => {
    const { page } = user;
    await openTab(page, "resources");
    const quantity = page.getByTestId("pledge-quantity");
    await quantity.fill("1.000");
    await chooseLanguage(page, "en");
    await eventually(async () => expect(await quantity.inputValue()).toBe("1,000"));
    await page.getByTestId("pledge-unit").fill("IDR");
    await page.getByTestId("pledge-submit").click();
    const thousand = await pledgedIn(page, "IDR");
    expect(thousand.stored.quantity).toBe(1000);
    expect(thousand.shown).toBe("1,000 IDR");
  });

  it("reads the room's quiet line typed as text", async () => {
    const { page } = user;
    await openTab(page, "participation");
    const floor = page.getByTestId("quiet-setting-percent");
    expect(await floor.getAttribute("inputmode")).toBe("decimal");
    await floor.fill("7,5");
    await page.getByTestId("quiet-setting-save").click();
    await page
      .getByTestId("quiet-setting-percent-error")
      .filter({ hasText: "Harus bilangan bulat, tanpa desimal" })
      .waitFor();
    await floor.fill("15");
    await page.getByTestId("quiet-setting-save").click();
    await eventually(async () => {
      const settings = await coordinator.get(`/api/rooms/${roomId}/accountability-settings`);
      expect(settings.body).toEqual({ quietPercent: 15 });
    });
  });
});

describe("the decision rule's numbers", () => {
  it("reads the rule's numbers in English, and marks the one field a decimal is refused in", async () => {
    const { page } = user;
    await chooseLanguage(page, "en");
    await page.getByTestId("room-tab-decisions").click();
    const settings = page.getByTestId("decision-settings");
    await settings.waitFor();
    await settings.getByTestId("rule-consensus").selectOption("supermajority");
    await settings.getByTestId("rule-threshold-numerator").fill("999,999");
    await settings.getByTestId("rule-threshold-denominator").fill("1,000,000");
    await settings.getByTestId("rule-min-voters").fill("2.5");
    await settings.getByTestId("settings-save").click();
    await settings
      .getByTestId("rule-min-voters-error")
      .filter({ hasText: "Must be a whole number, without decimals" })
      .waitFor();
    expect(await settings.getByTestId("rule-threshold-numerator-error").count()).toBe(0);

    await settings.getByTestId("rule-min-voters").fill("1,000");
    await settings.getByTestId("settings-save").click();
    await settings.getByTestId("settings-saved").waitFor();
    const stored = await coordinator.get(`/api/rooms/${roomId}/decision-settings`);
    expect(stored.body.decisionRule).toMatchObject({
      quorum: { minVoters: 1000, minSectors: 3 },
      consensus: { type: "supermajority", threshold: { numerator: 999_999, denominator: 1_000_000 } },
    });
  });
});

describe("dates per language", () => {
  it("writes the picked days out beside their pickers, and the period in each language's format", async () => {
    const { page } = user;
    await openTab(page, "participation");
    await page.getByTestId("participation-period-from").fill("2025-03-05");
    await page.getByTestId("participation-period-to").fill("2025-03-20");
    expect(await page.getByTestId("participation-period-from-shown").textContent()).toBe("Rabu, 05 Maret 2025");
    expect(await page.getByTestId("participation-period-to-shown").textContent()).toBe("Kamis, 20 Maret 2025");
    await page.getByTestId("participation-apply").click();
    const periodText = page.getByTestId("participation-period-text");
    await periodText.filter({ hasText: "Periode 5 Mar 2025, 00.00 – 20 Mar 2025, 23.59" }).waitFor();

    await chooseLanguage(page, "en");
    expect(await page.getByTestId("participation-period-from-shown").textContent()).toBe("Wednesday, 5 March 2025");
    expect(await page.getByTestId("participation-period-to-shown").textContent()).toBe("Thursday, 20 March 2025");
    await periodText.filter({ hasText: "Period 5 Mar 2025, 00:00 – 20 Mar 2025, 23:59" }).waitFor();
    await saveScreenshot(page, "locale-numbers-3-dates");
  });
});
