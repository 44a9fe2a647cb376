// The directory of open rooms in a real browser: a room opened by an academic is listed for a private-
// sector user, who joins it from the directory and lands in the room under "swasta".
import { Types } from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import {
  type BrowserUser,
  browserForSuite,
  memberRoleIn,
  submitRegistration,
  uiRegistration,
} from "../utils/browser.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;
let founder: BrowserUser;
let visitor: BrowserUser;

// Each test has its own signed-out users; after it, neither may have raised an uncaught error.
beforeEach(async () => {
  founder = await browserSuite.openUserForTest();
  visitor = await browserSuite.openUserForTest();
});

describe("room directory", () => {
  const academic = uiRegistration("academia", "Universitas Hasanuddin");
  const entrepreneur = uiRegistration("private", "Kadin Makassar");
  const openTitle = `Forum terbuka air bersih ${Date.now().toString(36)}`;
  const hiddenTitle = `Rapat tertutup ${Date.now().toString(36)}`;
  let openRoomId = "";

  it("lists open rooms only, and joining one from the directory opens it with the joiner in their sector", async () => {
    const { page } = founder;
    await page.goto("/register");
    await submitRegistration(page, academic);
    await page.waitForURL((url) => url.pathname === "/rooms");
    for (const [title, visibility] of [
      [hiddenTitle, "invite-only"],
      [openTitle, "open"],
    ] as const) {
      await page.getByTestId("nav-create-room").click();
      await page.getByTestId("room-title").fill(title);
      await page.getByTestId("room-visibility").selectOption(visibility);
      await page.getByTestId("create-room-submit").click();
      await page.getByTestId("room-title").filter({ hasText: title }).waitFor();
    }
    openRoomId = new URL(page.url()).pathname.split("/").pop() ?? "";

    const other = visitor.page;
    await other.goto("/register");
    await submitRegistration(other, entrepreneur);
    await other.getByTestId("my-rooms-empty").waitFor();
    await other.getByTestId("nav-directory").click();
    const card = other.getByTestId("room-card").filter({ hasText: openTitle });
    await card.waitFor();
    expect(await other.getByTestId("room-card").filter({ hasText: hiddenTitle }).count()).toBe(0);
    expect(await card.getByTestId("room-link").getAttribute("href")).toBe(`/rooms/${openRoomId}`);

    await card.getByTestId("join-room").click();
    await other.waitForURL((url) => url.pathname === `/rooms/${openRoomId}`);
    expect(await memberRoleIn(other, "private", entrepreneur.displayName)).toBe("participant");
    expect(await memberRoleIn(other, "academia", academic.displayName)).toBe("coordinator");

    await other.getByTestId("nav-my-rooms").click();
    await other.getByTestId("my-rooms").getByTestId("room-card").filter({ hasText: openTitle }).waitFor();
    await other.getByTestId("nav-directory").click();
    await card.getByTestId("enter-room").waitFor();

    const user = await server.connection.collection("users").findOne({ email: entrepreneur.email });
    const membership = await server.connection
      .collection("memberships")
      .findOne({ roomId: new Types.ObjectId(openRoomId), userId: user?._id });
    expect(membership).toMatchObject({ role: "participant", sector: "private", organisation: "Kadin Makassar" });
  });
});
