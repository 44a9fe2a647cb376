// Joining by invite link in a real browser: a government coordinator creates an invite-only room and an
// invite link; a community member opens it signed out, registers, joins, and both see them under
// "masyarakat". Also checks session restore on reload, a stage change and the language switch.
import { Types } from "mongoose";
import { beforeEach, describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import {
  type BrowserUser,
  browserForSuite,
  memberRoleIn,
  openCoordinatorTools,
  openSideTab,
  saveScreenshot,
  submitRegistration,
} from "../utils/browser.ts";

// A fresh server for every test (each registers the same two accounts) and fresh browsers for both
// users, whose pages may raise no uncaught error.
const browserSuite = browserForSuite({}, { serverPer: "test" });
const { server } = browserSuite;
let coordinator: BrowserUser;
let invitee: BrowserUser;

beforeEach(async () => {
  coordinator = await browserSuite.openUserForTest();
  invitee = await browserSuite.openUserForTest();
});

const unique = Date.now().toString(36);
const alice = {
  email: `alice.${unique}@pemkot.example.org`,
  displayName: `Alice Pemkot ${unique}`,
  password: "correct horse battery staple",
  sector: "government",
  organisation: "Dinas Kesehatan Kota Makassar",
};
const budi = {
  email: `budi.${unique}@warga.example.org`,
  displayName: `Budi Warga ${unique}`,
  password: "another long passphrase",
  sector: "community",
  organisation: "Forum Warga Tamalate",
};
const roomTitle = `Layanan puskesmas 24 jam ${unique}`;

describe("joining a room by invite link", () => {
  let roomId = "";
  let inviteUrl = "";

  /** What the first test does in the browser, over REST: Alice, her invite-only room and an invite link. */
  async function roomWithInviteOverRest(): Promise<void> {
    const { sector: _sector, ...fields } = alice;
    const { client } = await registeredClient(server.url, "government", fields);
    const room = await client.post("/api/rooms", { title: roomTitle, visibility: "invite-only" });
    expect(room.status).toBe(201);
    roomId = room.body.id;
    const invite = await client.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
    expect(invite.status).toBe(201);
    inviteUrl = `${server.url}/invite/${invite.body.token}`;
  }

  /** What the second test does in the browser, over REST: Budi registers and accepts the invite. */
  async function inviteeJoinedOverRest(): Promise<void> {
    const { sector: _sector, ...fields } = budi;
    const { client } = await registeredClient(server.url, "community", fields);
    const token = new URL(inviteUrl).pathname.split("/").pop();
    expect((await client.post("/api/invites/accept", { token })).status).toBe(201);
  }

  /** Budi, registered in the invitee's browser and signed in there, without a room. */
  async function inviteeSignedIn(): Promise<void> {
    const { page } = invitee;
    await page.goto("/register");
    await submitRegistration(page, budi);
    await page.waitForURL((url) => url.pathname === "/rooms");
  }

  /** Alice signs in in the coordinator's browser and lands on her room. */
  async function coordinatorInRoom(): Promise<void> {
    const { page } = coordinator;
    await page.goto(`/login?next=${encodeURIComponent(`/rooms/${roomId}`)}`);
    await page.getByTestId("login-email").fill(alice.email);
    await page.getByTestId("login-password").fill(alice.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => url.pathname === `/rooms/${roomId}`);
  }

  it("a government coordinator registers, creates an invite-only room and an invite link", async () => {
    const { page } = coordinator;
    await page.goto("/register");
    await submitRegistration(page, alice);
    await page.waitForURL((url) => url.pathname === "/rooms");
    await page.getByTestId("my-rooms-empty").waitFor();

    await page.getByTestId("nav-create-room").click();
    await page.getByTestId("room-title").fill(roomTitle);
    await page.getByTestId("room-purpose").fill("Menyepakati jam layanan <b>puskesmas</b> bersama warga.");
    await page.getByTestId("room-visibility").selectOption("invite-only");
    await page.getByTestId("create-room-submit").click();
    await page.waitForURL(/\/rooms\/[0-9a-f]{24}$/);
    roomId = new URL(page.url()).pathname.split("/").pop() ?? "";

    await page.getByTestId("room-title").filter({ hasText: roomTitle }).waitFor();
    // User-written text is rendered as text, never as markup.
    expect(await page.getByTestId("room-purpose").textContent()).toBe(
      "Menyepakati jam layanan <b>puskesmas</b> bersama warga.",
    );
    expect(await page.getByTestId("visibility-badge").first().getAttribute("data-visibility")).toBe("invite-only");
    expect(await memberRoleIn(page, "government", alice.displayName)).toBe("coordinator");

    await openCoordinatorTools(page);
    await page.getByTestId("stage-select").selectOption("formation");
    await page.getByTestId("stage-saved").waitFor();
    const storedRoom = await server.connection.collection("rooms").findOne({ _id: new Types.ObjectId(roomId) });
    expect(storedRoom).toMatchObject({ title: roomTitle, visibility: "invite-only", stage: "formation" });

    await page.getByTestId("create-invite").click();
    const inviteInput = page.getByTestId("invite-url");
    await inviteInput.waitFor();
    inviteUrl = await inviteInput.inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[0-9a-f]{24}\\.[A-Za-z0-9_-]+$`));
    await coordinator.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByTestId("copy-invite").click();
    await page.getByTestId("copy-invite").filter({ hasText: "Tersalin" }).waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(inviteUrl);
    await saveScreenshot(page, "invite-join-1-coordinator-invite-link");
  });

  it("a community member opens the link signed out, registers, and joins the room", async () => {
    await roomWithInviteOverRest();
    const { page } = invitee;
    await page.goto(inviteUrl);
    // Not signed in: sent to log in, with the invite remembered as the place to come back to.
    await page.waitForURL((url) => url.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe(new URL(inviteUrl).pathname);
    await page.getByTestId("invite-pending-note").waitFor();
    await page.getByTestId("to-register").click();
    await page.waitForURL((url) => url.pathname === "/register");
    await submitRegistration(page, budi);

    await page.waitForURL((url) => url.pathname === new URL(inviteUrl).pathname);
    await page.getByTestId("invite-room-title").filter({ hasText: roomTitle }).waitFor();
    expect(await page.getByTestId("invite-role").textContent()).toContain("Peserta");
    await saveScreenshot(page, "invite-join-2-invitee-preview");

    await page.getByTestId("accept-invite").click();
    await page.waitForURL((url) => url.pathname === `/rooms/${roomId}`);
    expect(await memberRoleIn(page, "community", budi.displayName)).toBe("participant");
    expect(await memberRoleIn(page, "government", alice.displayName)).toBe("coordinator");
    // A participant gets no coordinator tools.
    expect(await page.getByTestId("coordinator-tools-open").count()).toBe(0);
    await saveScreenshot(page, "invite-join-3-invitee-in-room");
  });

  it("shows why a link does not work, in words from the client's dictionary", async () => {
    await inviteeSignedIn();
    const { page } = invitee;
    await page.goto(`/invite/${new Types.ObjectId().toHexString()}.forged-signature`);
    const error = page.getByTestId("load-error");
    await error.waitFor();
    expect(await error.getAttribute("data-error-code")).toBe("INVITE_NOT_FOUND");
    expect(await error.textContent()).toBe("Tautan undangan ini tidak valid.");
  });

  it("stores the membership with the invitee's sector and spends one use of the invite", async () => {
    await roomWithInviteOverRest();
    await inviteeJoinedOverRest();
    const user = await server.connection.collection("users").findOne({ email: budi.email });
    expect(user).not.toBeNull();
    const membership = await server.connection
      .collection("memberships")
      .findOne({ roomId: new Types.ObjectId(roomId), userId: user?._id });
    expect(membership).toMatchObject({ role: "participant", sector: "community", organisation: budi.organisation });
    expect(
      await server.connection.collection("memberships").countDocuments({ roomId: new Types.ObjectId(roomId) }),
    ).toBe(2);
    const invite = await server.connection.collection("invites").findOne({ roomId: new Types.ObjectId(roomId) });
    expect(invite?.uses).toBe(1);
  });

  it("the coordinator reloads (session restored from the refresh cookie) and sees the invitee under community", async () => {
    await roomWithInviteOverRest();
    await coordinatorInRoom();
    await inviteeJoinedOverRest();
    const { page } = coordinator;
    await page.reload();
    expect(await memberRoleIn(page, "community", budi.displayName)).toBe("participant");
    expect(await page.getByTestId("sector-group-community").getByTestId("sector-group-count").textContent()).toBe("1");
    await page.getByTestId("coordinator-tools-open").waitFor();
    await saveScreenshot(page, "invite-join-4-coordinator-sees-member");
  });

  it("switches the language to English, and remembers it across a reload", async () => {
    await roomWithInviteOverRest();
    await inviteeJoinedOverRest();
    await coordinatorInRoom();
    const { page } = coordinator;
    await openSideTab(page, "people");
    const communityName = page.getByTestId("sector-group-community").getByTestId("sector-group-name");
    expect(await communityName.textContent()).toBe("Masyarakat");
    await page.getByTestId("language-switch").selectOption("en");
    await page
      .getByTestId("sector-group-community")
      .getByTestId("sector-group-name")
      .filter({ hasText: "Community" })
      .waitFor();
    expect(await page.getByTestId("nav-create-room").textContent()).toBe("Create room");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");

    await page.reload();
    await openSideTab(page, "people");
    await page
      .getByTestId("sector-group-community")
      .getByTestId("sector-group-name")
      .filter({ hasText: "Community" })
      .waitFor();
    expect(await page.getByTestId("language-switch").inputValue()).toBe("en");
    await saveScreenshot(page, "invite-join-5-english");
  });
});
