// An expired access token in a real browser: the client refreshes once through the httpOnly cookie and
// retries, so the user never notices; a revoked session sends them to log in and back where they were.
import type { Response } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type BrowserUser, browserForSuite, submitRegistration, uiRegistration } from "../utils/browser.ts";
import { testClock } from "../utils/clock.ts";

const clock = testClock();
// A fresh server for every test (each registers the same account) and a fresh user, whose page may raise
// no uncaught error.
const browserSuite = browserForSuite({ now: clock.now }, { serverPer: "test" });
const { server } = browserSuite;
let user: BrowserUser;

beforeEach(async () => {
  user = await browserSuite.openUserForTest();
});

/** "401 GET /api/rooms/mine TOKEN_EXPIRED"-style lines for every API answer, in order. */
function recordApiAnswers(page: BrowserUser["page"]): string[] {
  const answers: string[] = [];
  page.on("response", (response: Response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith("/api/"))
      answers.push(`${response.status()} ${response.request().method()} ${url.pathname}`);
  });
  return answers;
}

describe("session expiry", () => {
  const account = uiRegistration("community", "Forum Warga Tamalate");
  const title = `Ruang uji sesi ${Date.now().toString(36)}`;

  /** Registers `account` in the browser and creates a room, ending on the room page, connected live. */
  async function registeredOnRoomPage(page: BrowserUser["page"]): Promise<void> {
    await page.goto("/register");
    await submitRegistration(page, account);
    await page.getByTestId("my-rooms-empty").waitFor();
    await page.getByTestId("nav-create-room").click();
    await page.getByTestId("room-title").fill(title);
    await page.getByTestId("create-room-submit").click();
    await page.getByTestId("room-title").filter({ hasText: title }).waitFor();
    // The room page also opens the live connection: once it has joined (the member shows online), a
    // clock jump meets only the HTTP request, not a handshake still under way.
    // (The member list is in the side panel's people tab, not shown first: present in the page is enough.)
    await page.getByTestId("member").and(page.locator('[data-online="true"]')).waitFor({ state: "attached" });
    // And the room's own reads are answered (the vote delegations its side panel shows once read), so the
    // answers recorded after the clock jump are the request under test alone.
    await page.getByTestId("delegation-rule").waitFor({ state: "attached" });
  }

  it("refreshes an expired access token once and retries the request", async () => {
    const { page } = user;
    await registeredOnRoomPage(page);

    const answers = recordApiAnswers(page);
    clock.advance(16 * 60_000); // access tokens live 15 minutes
    await page.getByTestId("nav-my-rooms").click();
    await page.getByTestId("my-rooms").getByTestId("room-card").filter({ hasText: title }).waitFor();
    expect(answers).toEqual(["401 GET /api/rooms/mine", "200 POST /api/auth/refresh", "200 GET /api/rooms/mine"]);
  });

  it("sends the user to log in when the session is gone, and back to the page afterwards", async () => {
    const { page } = user;
    await registeredOnRoomPage(page);
    await server.connection.collection("refreshtokens").updateMany({}, { $set: { revokedAt: clock.now() } });
    clock.advance(16 * 60_000);
    await page.getByTestId("nav-directory").click();
    await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("next") === "/rooms/open");

    await page.getByTestId("login-email").fill(account.email);
    await page.getByTestId("login-password").fill(account.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => url.pathname === "/rooms/open");
    await page.getByTestId("directory-empty").waitFor();
  });
});
