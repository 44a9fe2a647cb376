// Drives Debian's Chromium with playwright-core: one headless browser per test file, one context (own
// cookie jar and storage) per simulated user, screenshots into tests/artifacts/, and the built client.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const artifactsDir = fileURLToPath(new URL("../artifacts/", import.meta.url));
export const clientDistDir = fileURLToPath(new URL("../../client/dist/", import.meta.url));

/** The built single-page app the server serves; browser tests cannot run without it. */
export function builtClientDir(): string {
  if (!existsSync(path.join(clientDistDir, "index.html"))) {
    throw new Error(
      `The client is not built: ${path.join(clientDistDir, "index.html")} is missing. ` +
        "Run `pnpm --filter @mufakat/client build` first (scripts/test.sh does this before vitest).",
    );
  }
  return clientDistDir;
}

/** A fresh headless Chromium; playwright gives it a new temporary profile that it deletes on close. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: run scripts/ensure-system-packages.sh`);
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

export interface BrowserUser {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors seen on the page, for a test to assert there were none. */
  pageErrors: string[];
}

/** A separate context per user: two users never share cookies, localStorage or the in-memory session. */
export async function openUser(browser: Browser, baseURL: string): Promise<BrowserUser> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // The browser logs every 4xx answer as "Failed to load resource"; an anonymous visit starts with a
    // 401 from /api/auth/refresh by design, so those are not errors of the app.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      pageErrors.push(`console: ${message.text()}`);
    }
  });
  return { context, page, pageErrors };
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface UiRegistration {
  email: string;
  displayName: string;
  password: string;
  sector: string;
  organisation: string;
}

let registrationCounter = 0;

/** A new, unique account to register through the UI. */
export function uiRegistration(sector: string, organisation = `${sector} org`): UiRegistration {
  registrationCounter += 1;
  const id = `${Date.now().toString(36)}${registrationCounter}`;
  return {
    email: `ui${id}@example.org`,
    displayName: `Pengguna ${id}`,
    password: "correct horse battery staple",
    sector,
    organisation,
  };
}

/** Fills and submits the register form on the current page (which must be /register). */
export async function submitRegistration(page: Page, user: UiRegistration): Promise<void> {
  await page.getByTestId("register-email").fill(user.email);
  await page.getByTestId("register-display-name").fill(user.displayName);
  await page.getByTestId("register-password").fill(user.password);
  await page.getByTestId("register-sector").selectOption(user.sector);
  await page.getByTestId("register-organisation").fill(user.organisation);
  await page.getByTestId("register-submit").click();
}

/** Waits until a room page's sector group lists a member with this display name; returns their role. */
export async function memberRoleIn(page: Page, sector: string, displayName: string): Promise<string | null> {
  const member = page.getByTestId(`sector-group-${sector}`).getByTestId("member").filter({ hasText: displayName });
  await member.waitFor();
  return member.getByTestId("role-badge").getAttribute("data-role");
}
