// Live deliberation in real browsers: a government coordinator and a community participant open the same
// proposal, type into it and see each other's text and named carets; a comment with an @mention, a reply
// and a chat message reach the other browser; a named version is compared with the current text; and the
// proposal's stored update log, loaded into a Y.Doc, holds exactly the text both editors show. Edits made
// with the network cut show as not yet saved and arrive after the reconnect; a handshake refused for its
// protocol version shows a banner saying to reload or to try later. Each test builds the state it starts
// from (a fresh room and accounts; the proposal, its text, versions and chat over REST, the database or
// sockets) and opens its own browsers, so the tests pass alone and in any order.
import { wireParser } from "@mufakat/shared";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import {
  type BrowserUser,
  type NetworkSwitch,
  browserForSuite,
  networkSwitch,
  openSideTab,
  saveScreenshot,
  signInWithCookie,
} from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { connect, linesOfState, okData, request, storedState } from "../utils/socket.ts";
import { sectorColourWithoutShape } from "../utils/sectorShapes.ts";

// One server for the file; every test has its own room, accounts and browsers (closed after the test,
// which fails if a page raised an uncaught error).
const browserSuite = browserForSuite();
const { server } = browserSuite;
let government: BrowserUser;
let community: BrowserUser;

const accounts = {} as Record<
  "government" | "community",
  { email: string; password: string; name: string; token: string; client: ApiClient }
>;
let communityNetwork: NetworkSwitch;
let roomId = "";
let proposalId = "";
const proposalTitle = "Jadwal distribusi air bersih";
const governmentLine = "Air bersih mengalir setiap Senin dan Kamis.";
const communityLine = " Warga meminta tambahan hari Sabtu.";

beforeEach(async () => {
  government = await browserSuite.openUserForTest();
  community = await browserSuite.openUserForTest();
  communityNetwork = await networkSwitch(community.context);

  const [coordinator, participant] = await Promise.all([
    registeredClient(server.url, "government", { organisation: "PDAM Kota Makassar" }),
    registeredClient(server.url, "community", { organisation: "Forum Warga Tamalate" }),
  ]);
  accounts.government = {
    ...coordinator.input,
    name: coordinator.input.displayName,
    token: coordinator.session.accessToken,
    client: coordinator.client,
  };
  accounts.community = {
    ...participant.input,
    name: participant.input.displayName,
    token: participant.session.accessToken,
    client: participant.client,
  };
  const room = await coordinator.client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "invite-only" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  const invite = await coordinator.client.post(`/api/rooms/${roomId}/invites`, { role: "participant" });
  expect(invite.status).toBe(201);
  const accepted = await participant.client.post("/api/invites/accept", { token: invite.body.token });
  expect(accepted.status).toBe(201);
});

/** The coordinator's proposal holding `text` (one paragraph, as the editors leave it), stored as edits are. */
async function proposalWithText(text: string): Promise<void> {
  proposalId = await seedProposal(server, roomId, (await userId("government")) ?? "", text);
  await server.app.ctx.models.Proposal.updateOne({ _id: proposalId }, { $set: { title: proposalTitle } });
}

async function userId(who: keyof typeof accounts): Promise<string | undefined> {
  const user = await server.connection.collection("users").findOne({ email: accounts[who].email });
  return user?._id.toHexString();
}

/** Both members signed in (without the login form) on `path`. */
async function bothOn(path: string): Promise<void> {
  await signInWithCookie(government, server.url, accounts.government.client.refreshCookie, path);
  await signInWithCookie(community, server.url, accounts.community.client.refreshCookie, path);
}

/** Both members on the proposal page, live and showing `text`. */
async function bothEditing(text: string): Promise<void> {
  await bothOn(`/rooms/${roomId}/proposals/${proposalId}`);
  for (const { page } of [government, community]) {
    await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor();
    await waitForEditorText(page, text);
  }
}

async function logIn(page: Page, who: keyof typeof accounts, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId("login-email").fill(accounts[who].email);
  await page.getByTestId("login-password").fill(accounts[who].password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => url.pathname === next);
}

interface PageNode {
  cloneNode(deep: boolean): PageNode;
  querySelectorAll(selector: string): Iterable<PageNode>;
  remove(): void;
  textContent: string | null;
}

interface PageWindow {
  getComputedStyle(element: unknown): { borderLeftColor: string };
}

/** The editor's paragraphs as text, without the carets' name labels (decorations, not document text). */
function editorText(page: Page): Promise<string> {
  return page.getByTestId("proposal-editor").evaluate((editor) => {
    // The tests compile without the DOM library: the page's nodes get this minimal shape here.
    const copy = (editor as unknown as PageNode).cloneNode(true);
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return [...copy.querySelectorAll("p")].map((p) => (p.textContent ?? "").replace(/\u2060/g, "")).join("\n");
  });
}

async function waitForEditorText(page: Page, expected: string): Promise<void> {
  await eventually(async () => expect(await editorText(page)).toBe(expected), { timeout: 15_000, interval: 100 });
}

describe("live proposal editing across sectors", () => {
  it("both members enter the room and see each other online", async () => {
    await logIn(government.page, "government", `/rooms/${roomId}`);
    await logIn(community.page, "community", `/rooms/${roomId}`);
    for (const { page } of [government, community]) {
      await openSideTab(page, "people");
      for (const [sector, who] of [
        ["government", "government"],
        ["community", "community"],
      ] as const) {
        await page
          .getByTestId(`sector-group-${sector}`)
          .getByTestId("member")
          .filter({ hasText: accounts[who].name })
          .and(page.locator('[data-online="true"]'))
          .waitFor();
      }
    }
  });

  it("a proposal created by the coordinator appears for the community member, and both open it", async () => {
    await bothOn(`/rooms/${roomId}`);
    await government.page.getByTestId("new-proposal-title").fill(proposalTitle);
    await government.page.getByTestId("create-proposal").click();
    const link = government.page.getByTestId("proposal-link").filter({ hasText: proposalTitle });
    await link.click();
    await government.page.waitForURL(/\/proposals\/[0-9a-f]{24}$/);
    proposalId = new URL(government.page.url()).pathname.split("/").pop() ?? "";

    await community.page.getByTestId("proposal-link").filter({ hasText: proposalTitle }).click();
    await community.page.waitForURL((url) => url.pathname === `/rooms/${roomId}/proposals/${proposalId}`);
    for (const { page } of [government, community]) {
      await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor();
      await page.getByTestId("proposal-title").filter({ hasText: proposalTitle }).waitFor();
    }
    // Presence says who views which proposal.
    await openSideTab(government.page, "people");
    await government.page
      .getByTestId("sector-group-community")
      .getByTestId("member-viewing")
      .filter({ hasText: proposalTitle })
      .waitFor();
  });

  it("each types into the editor and sees the other's text and named caret", async () => {
    await proposalWithText("");
    await bothEditing("");
    await government.page.getByTestId("proposal-editor").click();
    await government.page.keyboard.type(governmentLine);
    await waitForEditorText(community.page, governmentLine);

    await community.page.getByTestId("proposal-editor").click();
    await community.page.keyboard.press("Control+End");
    await community.page.keyboard.type(communityLine);
    const both = governmentLine + communityLine;
    await waitForEditorText(government.page, both);
    await waitForEditorText(community.page, both);

    await government.page.getByTestId("remote-caret-name").filter({ hasText: accounts.community.name }).waitFor();
    await community.page.getByTestId("remote-caret-name").filter({ hasText: accounts.government.name }).waitFor();
    // Carets carry the sector colour of their owner: community green (#166534, client/src/components/sectorColours.ts).
    expect(
      await government.page
        .getByTestId("remote-caret")
        .first()
        .evaluate((caret) => (globalThis as unknown as PageWindow).getComputedStyle(caret).borderLeftColor),
    ).toBe("rgb(22, 101, 52)");
    // …and its shape before the name, so the colour is not the only sign of the sector.
    expect(await government.page.getByTestId("remote-caret-name").first().textContent()).toBe(
      `● ${accounts.community.name}`,
    );
    expect(await sectorColourWithoutShape(government.page)).toEqual([]);
    await saveScreenshot(government.page, "live-proposal-1-government-editor");
    await saveScreenshot(community.page, "live-proposal-2-community-editor");
  });

  it("a comment about the selected text, with an @mention, and its reply reach the other browser", async () => {
    // The community member has typed their line into the coordinator's, as in the typing test.
    await proposalWithText(governmentLine);
    await bothEditing(governmentLine);
    await community.page.getByTestId("proposal-editor").click();
    await community.page.keyboard.press("Control+End");
    await community.page.keyboard.type(communityLine);
    await waitForEditorText(government.page, governmentLine + communityLine);
    const body = `Mohon @${accounts.government.name} pastikan jam layanannya <b>tertulis</b>.`;
    await community.page.getByTestId("proposal-editor").click();
    await community.page.keyboard.press("Control+Home");
    for (const _ of "Air bersih") await community.page.keyboard.press("Shift+ArrowRight");
    await community.page.getByTestId("comment-anchor-selection").click();
    await community.page
      .getByTestId("comment-form")
      .getByTestId("comment-anchor")
      .filter({ hasText: "Air bersih" })
      .waitFor();
    await community.page.getByTestId("comment-input").fill(body);
    await community.page.getByTestId("comment-send").click();

    const comment = government.page.getByTestId("comment").filter({ hasText: "pastikan jam layanannya" });
    await comment.waitFor();
    expect(await comment.getByTestId("message-body").first().textContent()).toBe(body);
    expect(await comment.getByTestId("mention").first().textContent()).toBe(`@${accounts.government.name}`);
    expect(await comment.getByTestId("comment-anchor").first().textContent()).toContain("Air bersih");

    await comment.getByTestId("comment-reply").first().click();
    await government.page.getByTestId("reply-input").fill("Baik, akan kami tambahkan.");
    await government.page.getByTestId("reply-send").click();
    await community.page
      .getByTestId("comment-replies")
      .getByTestId("comment")
      .filter({ hasText: "Baik, akan kami tambahkan." })
      .waitFor();

    // The author edits their comment; the other browser shows the new text, marked as edited.
    const own = community.page.getByTestId("comment").filter({ hasText: "pastikan jam layanannya" }).first();
    await own.getByTestId("message-edit").first().click();
    await community.page.getByTestId("message-edit-body").fill("Mohon pastikan jam layanan pagi dan sore.");
    await community.page.getByTestId("message-edit-save").click();
    await government.page.getByTestId("message-body").filter({ hasText: "jam layanan pagi dan sore" }).waitFor();
    expect(await government.page.getByTestId("comment").first().textContent()).toContain("disunting");
  });

  it("a chat message reaches the other browser", async () => {
    await proposalWithText(governmentLine + communityLine);
    await bothEditing(governmentLine + communityLine);
    await government.page.getByTestId("chat-input").fill("Rapat berikutnya hari Rabu.");
    await government.page.getByTestId("chat-send").click();
    await community.page.getByTestId("chat-message").filter({ hasText: "Rapat berikutnya hari Rabu." }).waitFor();
    await government.page.getByTestId("chat-input").fill("Pesan yang salah kirim");
    await government.page.getByTestId("chat-send").click();
    const mistaken = government.page.getByTestId("chat-message").filter({ hasText: "Pesan yang salah kirim" });
    await mistaken.getByTestId("message-delete").click();
    // Deleting asks first (the text cannot be brought back).
    await government.page.getByTestId("confirm-dialog-confirm").click();
    await community.page
      .locator('[data-testid="chat-message"][data-deleted="true"]')
      .getByTestId("message-deleted")
      .waitFor();
    expect(await community.page.getByTestId("chat-message").filter({ hasText: "Pesan yang salah kirim" }).count()).toBe(
      0,
    );
    await saveScreenshot(community.page, "live-proposal-3-comments-and-chat");
  });

  it("saves a named version and shows what changed since", async () => {
    await proposalWithText(governmentLine + communityLine);
    await bothEditing(governmentLine + communityLine);
    const { page } = government;
    for (const user of [government, community]) await openSideTab(user.page, "versions");
    await page.getByTestId("version-name-input").fill("Draf pertama");
    await page.getByTestId("version-save").click();
    await community.page.getByTestId("version-name").filter({ hasText: "Draf pertama" }).waitFor();

    await page.getByTestId("proposal-editor").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Disepakati.");
    await waitForEditorText(community.page, `${governmentLine}${communityLine} Disepakati.`);
    await page.getByTestId("connection-status").and(page.locator('[data-unsaved="0"]')).waitFor();

    const versionId = await page.getByTestId("version-item").first().getAttribute("data-version-id");
    await page.getByTestId("diff-from").selectOption(versionId ?? "");
    await page.getByTestId("diff-to").selectOption("current");
    await page.getByTestId("diff-show").click();
    await page.getByTestId("diff-insert").filter({ hasText: "Disepakati." }).waitFor();
    await saveScreenshot(page, "live-proposal-4-version-diff");
  });

  it("keeps edits made offline as not yet saved, and sends them after the reconnect", async () => {
    await proposalWithText(`${governmentLine}${communityLine} Disepakati.`);
    await bothEditing(`${governmentLine}${communityLine} Disepakati.`);
    const { page } = community;
    await communityNetwork.cut();
    const status = page.getByTestId("connection-status");
    await status.and(page.locator('[data-state="offline"]')).waitFor();

    await page.getByTestId("proposal-editor").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Tanpa sinyal.");
    await status.and(page.locator(':not([data-unsaved="0"])')).waitFor();
    expect(await status.textContent()).toMatch(/Luring, dengan \d+ suntingan belum tersimpan/);
    expect(await editorText(government.page)).not.toContain("Tanpa sinyal");
    await saveScreenshot(page, "live-proposal-5-offline-unsaved");

    await communityNetwork.restore();
    await status.and(page.locator('[data-state="connected"][data-unsaved="0"]')).waitFor({ timeout: 30_000 });
    await waitForEditorText(government.page, `${governmentLine}${communityLine} Disepakati. Tanpa sinyal.`);
  });

  it("stores every edit: the update log loaded into a Y.Doc gives the text both editors show", async () => {
    const expected = `${governmentLine}${communityLine} Disepakati. Tanpa sinyal.`;
    // The earlier edits are stored already; the last two are typed here, one in each browser.
    await proposalWithText(`${governmentLine}${communityLine}`);
    await bothEditing(`${governmentLine}${communityLine}`);
    await government.page.getByTestId("proposal-editor").click();
    await government.page.keyboard.press("Control+End");
    await government.page.keyboard.type(" Disepakati.");
    await waitForEditorText(community.page, `${governmentLine}${communityLine} Disepakati.`);
    await community.page.getByTestId("proposal-editor").click();
    await community.page.keyboard.press("Control+End");
    await community.page.keyboard.type(" Tanpa sinyal.");
    await waitForEditorText(government.page, expected);
    for (const { page } of [government, community]) {
      await page.getByTestId("connection-status").and(page.locator('[data-unsaved="0"]')).waitFor();
      expect(await editorText(page)).toBe(expected);
    }
    const stored = await storedState(server.connection, proposalId);
    expect(stored.logCount).toBeGreaterThan(0);
    expect(linesOfState(stored.state)).toBe(expected);
  });

  it("a renamed proposal shows its new title in both browsers", async () => {
    await proposalWithText(governmentLine + communityLine);
    await bothEditing(governmentLine + communityLine);
    const renamed = "Jadwal distribusi air bersih (revisi)";
    await government.page.getByTestId("proposal-rename").click();
    await government.page.getByTestId("rename-proposal-title").fill(renamed);
    await government.page.getByTestId("rename-proposal-save").click();
    for (const { page } of [government, community]) {
      await page.getByTestId("proposal-title").filter({ hasText: renamed }).waitFor();
      await page.getByTestId("proposal-link").filter({ hasText: renamed }).waitFor();
    }
  });

  it("chat history comes newest page first, with older messages on request", async () => {
    await proposalWithText(`${governmentLine}${communityLine} Disepakati. Tanpa sinyal.`);
    // What the chat test leaves: a message, then one sent by mistake and deleted.
    const author = await connect(server, accounts.government.token);
    okData(await request(author, "room:join", { roomId }));
    okData(await request(author, "chat:send", { roomId, body: "Rapat berikutnya hari Rabu." }));
    const mistaken = okData(await request(author, "chat:send", { roomId, body: "Pesan yang salah kirim" }));
    okData(await request(author, "message:delete", { messageId: mistaken.id }));
    author.close();
    await bothEditing(`${governmentLine}${communityLine} Disepakati. Tanpa sinyal.`);
    // Each socket may send a burst of a few messages: eleven sockets write 55 at once.
    const sockets = await Promise.all(Array.from({ length: 11 }, () => connect(server, accounts.government.token)));
    await Promise.all(
      sockets.map(async (socket, index) => {
        okData(await request(socket, "room:join", { roomId }));
        for (let n = 0; n < 5; n += 1) {
          okData(await request(socket, "chat:send", { roomId, body: `Catatan arsip ${index * 5 + n}` }));
        }
      }),
    );
    for (const socket of sockets) socket.close();

    const { page } = community;
    await page.reload();
    const messages = page.getByTestId("chat-message");
    await page.getByTestId("chat-older").waitFor();
    expect(await messages.count()).toBe(50);
    expect(await messages.filter({ hasText: "Rapat berikutnya hari Rabu." }).count()).toBe(0);
    await page.getByTestId("chat-older").click();
    await messages.filter({ hasText: "Rapat berikutnya hari Rabu." }).waitFor();
    expect(await messages.count()).toBe(57);
    expect(await page.getByTestId("chat-older").count()).toBe(0);
    // After the reload the editor shows the stored text again.
    await waitForEditorText(page, `${governmentLine}${communityLine} Disepakati. Tanpa sinyal.`);
  });
});

describe("a live connection the server refuses by protocol version", () => {
  it.each([
    [0, "PROTOCOL_TOO_OLD", "Aplikasi ini sudah usang; muat ulang halaman."],
    [99, "PROTOCOL_TOO_NEW", "Server belum mendukung versi aplikasi ini; coba lagi nanti."],
  ])("handshake version %i shows %s as a banner", async (version, code, words) => {
    const user = await browserSuite.openUserForTest();
    // Rewrites the version in socket.io's CONNECT packet (a MessagePack frame), as an older or newer build would send it.
    await user.context.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) =>
        upstream.send(typeof message === "string" ? message : withProtocolVersion(message, version)),
      );
    });
    await logIn(user.page, "government", `/rooms/${roomId}`);
    const banner = user.page.getByTestId("live-refused");
    await banner.waitFor();
    expect(await banner.getAttribute("data-error-code")).toBe(code);
    expect(await banner.textContent()).toContain(words);
    expect(await user.page.getByTestId("live-reload").count()).toBe(code === "PROTOCOL_TOO_OLD" ? 1 : 0);
    await saveScreenshot(user.page, `live-proposal-6-${code.toLowerCase()}`);
    expect(user.pageErrors).toEqual([]);
  });
});

/** The frame with its CONNECT packet's handshake version replaced; any other packet unchanged. */
function withProtocolVersion(frame: Buffer, version: number): Buffer {
  type Packet = { type: number; nsp: string; data?: Record<string, unknown> };
  const decoded: Packet[] = [];
  const decoder = new wireParser.Decoder();
  decoder.on("decoded", (packet: Packet) => decoded.push(packet));
  decoder.add(frame);
  const connect = decoded[0];
  if (connect?.type !== 0 || !connect.data) return frame;
  const encoded = new wireParser.Encoder().encode({ ...connect, data: { ...connect.data, protocolVersion: version } });
  return Buffer.from(encoded[0] as Uint8Array);
}
