// Drives Debian's Chromium with playwright-core: one headless browser per test file, one context (own
// cookie jar and storage) per simulated user, screenshots into tests/artifacts/, and the built client;
// browserForSuite() starts the server and the browser around a file's tests.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type Page, type WebSocketRoute, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type StartServerOptions, type TestServer, serverForEachTest, serverForSuite } from "./server.ts";

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

export interface UserOptions {
  /** The language the browser asks for; Indonesian unless a test says otherwise (e.g. "en-US"). */
  locale?: string;
  /**
   * Blocked unless a test needs the app's service worker (tests/browser/installable.test.ts): a test that
   * routes or fails requests (page.route) must see every one of them, and the worker fetches some itself.
   */
  serviceWorkers?: "allow" | "block";
}

/**
 * A separate context per user: two users never share cookies, localStorage or the in-memory session. The
 * browser asks for Indonesian unless told otherwise (`locale`, e.g. "en-US"), so the app opens in it.
 */
export async function openUser(
  browser: Browser,
  baseURL: string,
  { locale = "id-ID", serviceWorkers = "block" }: UserOptions = {},
): Promise<BrowserUser> {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 900 }, serviceWorkers });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // The browser logs every 4xx answer as "Failed to load resource"; tests that provoke refusals (a
    // wrong password, a form error) expect those, so they are not errors of the app. That an anonymous
    // visit logs nothing at all is checked by tests/browser/installable.test.ts.
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

export type RoomSideTab = "discussion" | "motion" | "versions" | "people";

/** Shows one tab of the room's side panel (discussion, the open proposal's motion, its versions, people). */
export async function openSideTab(page: Page, tab: RoomSideTab): Promise<void> {
  await page.getByTestId(`side-tab-${tab}`).click();
  await page.getByTestId(`side-panel-${tab}`).waitFor();
}

/** Opens the coordinator tools' drawer in the room header (stage, invite links). */
export async function openCoordinatorTools(page: Page): Promise<void> {
  await page.getByTestId("coordinator-tools-open").click();
  await page.getByTestId("coordinator-tools").waitFor();
}

/** Waits until a room page's sector group lists a member with this display name; returns their role. */
export async function memberRoleIn(page: Page, sector: string, displayName: string): Promise<string | null> {
  await openSideTab(page, "people");
  const member = page.getByTestId(`sector-group-${sector}`).getByTestId("member").filter({ hasText: displayName });
  await member.waitFor();
  return member.getByTestId("role-badge").getAttribute("data-role");
}

export interface BrowserSuite {
  /** The real server, serving the built client. */
  server: TestServer;
  /** A user (own context) on the server, kept for the rest of the file. */
  openUser(): Promise<BrowserUser>;
  /**
   * A user (own context) for the current test only: once the test ends, the test fails if the user's page
   * raised an uncaught error, and the context closes. Call it in the test or a beforeEach.
   */
  openUserForTest(options?: UserOptions): Promise<BrowserUser>;
}

/**
 * The setup of a browser test file: the real server with the built client (one for the file, or a fresh
 * one for every test with `serverPer: "test"`) and one headless Chromium for the file, closed before the
 * server stops.
 */
export function browserForSuite(
  options: StartServerOptions = {},
  { serverPer = "file" }: { serverPer?: "file" | "test" } = {},
): BrowserSuite {
  // builtClientDir() is read when the server starts, so a missing build fails the hook with its message.
  const serverOptions = () => ({ clientDir: builtClientDir(), ...options });
  const server = serverPer === "test" ? serverForEachTest(serverOptions) : serverForSuite(serverOptions);
  let browser: Browser | null = null;
  const running = (): Browser => {
    if (!browser) throw new Error("browserForSuite: Chromium is not running here; open users in a test or hook");
    return browser;
  };
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = null;
  });
  const testUsers: BrowserUser[] = [];
  afterEach(async () => {
    const users = testUsers.splice(0);
    for (const user of users) await user.context.close();
    for (const user of users) expect(user.pageErrors).toEqual([]);
  });
  return {
    server,
    openUser: () => openUser(running(), server.url),
    openUserForTest: async (userOptions = {}) => {
      const user = await openUser(running(), server.url, userOptions);
      testUsers.push(user);
      return user;
    },
  };
}

/**
 * Signs a browser user in as the owner of a REST session, without the login form (for a test's setup, not
 * the login it tests): the session's refresh cookie goes into the context, as the login page would leave it,
 * and the page opens `path`, where the app restores the session from that cookie.
 */
export async function signInWithCookie(
  user: BrowserUser,
  baseURL: string,
  refreshCookie: string | undefined,
  path: string,
): Promise<void> {
  if (!refreshCookie) throw new Error("signInWithCookie: the REST session has no refresh cookie");
  await addSessionCookies(user.context, baseURL, refreshCookie);
  await user.page.goto(path);
  // Signed in: the user's own "log out" shows (the menu already shows while the session is restored).
  await user.page.getByTestId("logout").waitFor();
}

/**
 * Gives a context a REST session's cookies: the httpOnly refresh cookie and the readable hint the server
 * sets beside it (without the hint the app starts signed out without asking).
 */
export async function addSessionCookies(
  context: BrowserContext,
  baseURL: string,
  refreshCookie: string,
): Promise<void> {
  const domain = new URL(baseURL).hostname;
  await context.addCookies([
    { name: "mufakat_refresh", value: refreshCookie, domain, path: "/api/auth", httpOnly: true, sameSite: "Strict" },
    { name: "mufakat_session", value: "1", domain, path: "/", sameSite: "Strict" },
  ]);
}

/** Cuts and restores a browser context's network, its live connection included. */
export interface NetworkSwitch {
  cut(): Promise<void>;
  restore(): Promise<void>;
}

/**
 * Routes the context's socket.io websockets through the test, so it can cut them like a lost network:
 * `context.setOffline` stops HTTP but leaves an open websocket alone. While cut, new websockets are refused.
 */
export async function networkSwitch(context: BrowserContext): Promise<NetworkSwitch> {
  let down = false;
  const sockets = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/socket\.io\//, async (ws) => {
    if (down) {
      await ws.close();
      return;
    }
    ws.connectToServer();
    sockets.add(ws);
  });
  return {
    async cut() {
      down = true;
      await context.setOffline(true);
      for (const socket of sockets) await socket.close();
      sockets.clear();
    },
    async restore() {
      down = false;
      await context.setOffline(false);
    },
  };
}
