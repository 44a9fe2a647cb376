// A discussion feed whose history cannot be read says so: the room chat and a proposal's comments each show
// the failure with a retry button when the server refuses their first history read, and the retry shows the
// messages. The refusal is made on the wire: the browser's socket passes through the test, which rewrites
// the first history ack of each feed into an error, as a failing server would answer.
import { wireParser } from "@mufakat/shared";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { connect, okData, request } from "../utils/socket.ts";

/** socket.io packet types (socket.io-parser's PacketType). */
const EVENT = 2;
const ACK = 3;

type Packet = { type: number; nsp: string; data?: unknown; id?: number };

const suite = browserForSuite();
const { server } = suite;
let email = "";
let password = "";
let roomId = "";
let proposalId = "";

function decode(frame: Buffer): Packet[] {
  const packets: Packet[] = [];
  const decoder = new wireParser.Decoder();
  decoder.on("decoded", (packet: Packet) => packets.push(packet));
  decoder.add(frame);
  return packets;
}

function encode(packet: Packet): Buffer {
  return Buffer.from(new wireParser.Encoder().encode(packet)[0] as Uint8Array);
}

/**
 * A browser whose socket passes through the test, which refuses the first read of each history event in
 * `failNext` (and removes it from the set), as a failing server would answer.
 */
async function memberWhoseHistoryFails(locale: string, failNext: Set<string>): Promise<BrowserUser> {
  const member = await suite.openUserForTest({ locale });
  await member.context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const upstream = ws.connectToServer();
    const refusedAcks = new Set<number>();
    ws.onMessage((message) => {
      if (typeof message !== "string") {
        const [packet] = decode(message);
        const event = Array.isArray(packet?.data) ? packet.data[0] : undefined;
        if (packet?.type === EVENT && typeof event === "string" && failNext.delete(event) && packet.id !== undefined) {
          refusedAcks.add(packet.id);
        }
      }
      upstream.send(message);
    });
    upstream.onMessage((message) => {
      if (typeof message !== "string") {
        const [packet] = decode(message);
        if (packet?.type === ACK && packet.id !== undefined && refusedAcks.delete(packet.id)) {
          const refusal = { ok: false, error: { code: "INTERNAL", message: "history store unavailable" } };
          ws.send(encode({ ...packet, data: [refusal] }));
          return;
        }
      }
      ws.send(message);
    });
  });
  return member;
}

beforeAll(async () => {
  const { client, input, session } = await registeredClient(server.url, "community", { organisation: "Forum Warga" });
  email = input.email;
  password = input.password;
  const room = await client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  proposalId = await seedProposal(server, roomId, session.user.id, "Jadwal distribusi air");
  const socket = await connect(server, session.accessToken);
  okData(await request(socket, "room:join", { roomId }));
  okData(await request(socket, "chat:send", { roomId, body: "Rapat berikutnya hari Rabu." }));
  okData(
    await request(socket, "comment:post", {
      proposalId,
      body: "Jam 06.00 terlalu pagi.",
      parentId: null,
      anchor: null,
    }),
  );
  socket.close();
});

async function logIn(page: Page, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => url.pathname === next);
}

const failureText = { id: "Pesan-pesan tidak dapat dimuat.", en: "The messages could not be loaded." } as const;

describe.each([
  ["id", "id-ID"],
  ["en", "en-US"],
] as const)("a discussion feed whose history read fails (%s)", (language, locale) => {
  it("shows the failure in the chat and the comments, and a retry shows their messages", async () => {
    const failNext = new Set<string>(["chat:history", "comment:history"]);
    const member = await memberWhoseHistoryFails(locale, failNext);
    const { page } = member;
    await logIn(page, `/rooms/${roomId}/proposals/${proposalId}`);

    for (const [name, panel, item, text] of [
      ["chat", "room-chat", "chat-message", "Rapat berikutnya hari Rabu."],
      ["comments", "comments-panel", "comment", "Jam 06.00 terlalu pagi."],
    ] as const) {
      const feed = page.getByTestId(panel);
      const failure = feed.getByTestId(`${name}-history-error`);
      await failure.waitFor();
      expect(await failure.locator("p").first().textContent()).toBe(failureText[language]);
      expect(await feed.getByTestId(`${name}-history-error-reason`).getAttribute("data-error-code")).toBe("INTERNAL");
      expect(await feed.getByTestId(item).count()).toBe(0);

      await feed.getByTestId(`${name}-history-retry`).click();
      await feed.getByTestId(item).filter({ hasText: text }).waitFor();
      expect(await failure.count()).toBe(0);
    }
    expect(failNext.size).toBe(0);
    expect(member.pageErrors).toEqual([]);
  });
});
