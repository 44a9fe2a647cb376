// Two tabs of one browser share the rotating refresh cookie: reloading both at once must keep the
// user signed in in both (a rotated cookie presented twice would revoke the whole session).
import { beforeAll, describe, expect, it } from "vitest";
import { type BrowserUser, browserForSuite, submitRegistration, uiRegistration } from "../utils/browser.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;
let user: BrowserUser;

beforeAll(async () => {
  user = await browserSuite.openUser();
});

describe("two tabs", () => {
  it("restores the session in both tabs when they load at the same moment", async () => {
    const account = uiRegistration("academia");
    const first = user.page;
    await first.goto("/register");
    await submitRegistration(first, account);
    await first.getByTestId("my-rooms-empty").waitFor();

    const second = await user.context.newPage();
    // Browsers restoring several tabs at start-up load them like this.
    for (let round = 0; round < 5; round += 1) {
      await Promise.all([first.goto("/rooms/open"), second.goto("/rooms")]);
      await first.getByTestId("directory-empty").waitFor();
      await second.getByTestId("my-rooms-empty").waitFor();
      expect(new URL(second.url()).pathname).toBe("/rooms");
    }
    const families = await server.connection.collection("refreshtokens").distinct("familyId");
    expect(families).toHaveLength(1);
    expect(await server.connection.collection("refreshtokens").countDocuments({ revokedAt: { $ne: null } })).toBe(0);
  });
});
