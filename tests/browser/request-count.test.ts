// One read per resource: a coordinator loads a room with a proposal open, then its decisions, commitments
// and resources tabs, and every GET under /api is asked exactly once (the client keeps one cache of
// server state, shared by every component that shows it).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite, openSideTab } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";

const suite = browserForSuite();
const { server } = suite;
let coordinator: BrowserUser;
let roomId = "";
let proposalId = "";
let email = "";
let password = "";

beforeAll(async () => {
  coordinator = await suite.openUser();
  const { client, input, session } = await registeredClient(server.url, "government", { organisation: "Dinas PU" });
  email = input.email;
  password = input.password;
  const room = await client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  proposalId = await seedProposal(server, roomId, session.user.id, "Jadwal distribusi air");
});

/** Counts the GET requests to /api per path (query string included) from now on. */
function countApiGets(page: Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (request.method() !== "GET" || !url.pathname.startsWith("/api/")) return;
    const key = url.pathname + url.search;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

describe("requests per page load", () => {
  it("reads each resource once across the room page and its tabs", async () => {
    const { page } = coordinator;
    await page.goto(`/login?next=${encodeURIComponent("/rooms")}`);
    await page.getByTestId("login-email").fill(email);
    await page.getByTestId("login-password").fill(password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => url.pathname === "/rooms");

    await page.getByTestId("my-rooms").waitFor();
    await page.waitForLoadState("networkidle");
    const counts = countApiGets(page);
    await page.goto(`/rooms/${roomId}/proposals/${proposalId}`);
    await openSideTab(page, "motion");
    await page.getByTestId("motion-none").waitFor();
    await page.waitForLoadState("networkidle");

    await page.getByTestId("room-tab-decisions").click();
    await page.getByTestId("decisions-empty").waitFor();
    await page.waitForLoadState("networkidle");

    await page.getByTestId("room-tab-commitments").click();
    await page.getByTestId("commitments-no-adopted").waitFor();
    await page.waitForLoadState("networkidle");

    await page.getByTestId("room-tab-resources").click();
    await page.getByTestId("resources-tab").waitFor();
    await page.waitForLoadState("networkidle");

    const repeated = [...counts].filter(([, n]) => n !== 1);
    expect(repeated, JSON.stringify(Object.fromEntries(counts))).toEqual([]);
    expect([...counts.keys()].sort()).toEqual(
      [
        `/api/rooms/${roomId}`,
        `/api/rooms/${roomId}/decision-settings`,
        // The coordinator's requests waiting for a second coordinator, beside the members.
        `/api/rooms/${roomId}/pending-actions`,
        `/api/rooms/${roomId}/motions`,
        // The viewer's vote delegations, in the motion tab.
        `/api/rooms/${roomId}/delegations`,
        `/api/rooms/${roomId}/decisions`,
        `/api/rooms/${roomId}/decisions/verify`,
        `/api/rooms/${roomId}/commitments`,
        `/api/rooms/${roomId}/resources`,
      ].sort(),
    );
    expect(coordinator.pageErrors).toEqual([]);
  });
});
