// Live regions (WCAG 4.1.3): a member watching a proposal hears, without moving focus, a chat message
// another member sends and the tally moving when another member votes. Each announcement is a polite status
// region that is in the page before its text (a region added with its text is not announced), says one
// sentence in the member's language, and stays empty for what was already there when the page opened.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { registeredClient } from "../utils/api.ts";
import { browserForSuite, openSideTab, signInWithCookie } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { connect, okData, request } from "../utils/socket.ts";

const suite = browserForSuite();
const { server } = suite;

const languages = [
  {
    locale: "id-ID",
    chat: (name: string) => `Pesan baru dari ${name}: Truk tangki datang pukul 06.00.`,
    tally: "Perhitungan diperbarui: 2 suara masuk. Jika ditutup sekarang: Kuorum tidak tercapai",
  },
  {
    locale: "en-US",
    chat: (name: string) => `New message from ${name}: Truk tangki datang pukul 06.00.`,
    tally: "Tally updated: 2 votes cast. If closed now: No quorum",
  },
] as const;

describe.each(languages)("announcements in $locale", (language) => {
  it("announces another member's chat message and a vote that moves the tally, and nothing before", async () => {
    const government = await registeredClient(server.url, "government", { organisation: "Dinas PU" });
    const community = await registeredClient(server.url, "community", { organisation: "Forum Warga" });
    const room = await government.client.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
    expect(room.status).toBe(201);
    const roomId: string = room.body.id;
    expect((await community.client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
    const proposalId = await seedProposal(server, roomId, government.session.user.id, "Distribusi air: Senin.");
    const motion = await government.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 60 });
    expect(motion.status, JSON.stringify(motion.body)).toBe(201);
    // A vote already cast when the page opens: shown in the tally, not announced.
    const first = await government.client.post(`/api/motions/${motion.body.id}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(first.status).toBe(200);

    const listener = await suite.openUserForTest({ locale: language.locale });
    await signInWithCookie(
      listener,
      server.url,
      government.client.refreshCookie,
      `/rooms/${roomId}/proposals/${proposalId}`,
    );
    const { page } = listener;
    const chatRegion = page.getByTestId("chat-announcement");
    await page.getByTestId("room-chat").waitFor();
    expect(await chatRegion.getAttribute("role")).toBe("status");
    expect(await chatRegion.getAttribute("aria-live")).toBe("polite");
    expect(await chatRegion.textContent()).toBe("");

    const socket = await connect(server, community.session.accessToken);
    try {
      okData(await request(socket, "room:join", { roomId }));
      okData(await request(socket, "chat:send", { roomId, body: "Truk tangki datang pukul 06.00." }));
    } finally {
      socket.close();
    }
    await chatRegion.filter({ hasText: language.chat(community.session.user.displayName) }).waitFor({
      state: "attached",
    });
    expect(await chatRegion.textContent()).toBe(language.chat(community.session.user.displayName));

    await openSideTab(page, "motion");
    const tallyRegion = page.getByTestId("tally-announcement");
    await page.getByTestId("tally").waitFor();
    expect(await tallyRegion.getAttribute("role")).toBe("status");
    expect(await tallyRegion.getAttribute("aria-live")).toBe("polite");
    expect(await tallyRegion.textContent()).toBe("");
    const second = await community.client.post(`/api/motions/${motion.body.id}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(second.status).toBe(200);
    await tallyRegion.filter({ hasText: language.tally }).waitFor({ state: "attached" });
    expect(await tallyRegion.textContent()).toBe(language.tally);
  });
});
