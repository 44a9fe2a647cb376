// The opinion map in real browsers, in Indonesian and in English, driven by the keyboard: nine members of
// five sectors have voted on eight statements over REST in two planted camps; a private-sector member votes
// with one camp in the browser, and the page then shows two groups, each sector's place in them (in words
// and on a map drawn in the sectors' shapes), the one statement both camps agree on and the seven that
// divide them. The member then writes a statement of their own. Checked with axe at desktop and phone width.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { browserForSuite, signInWithCookie } from "../utils/browser.ts";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { expectAccessible, press } from "../utils/keyboardPage.ts";

const browserSuite = browserForSuite({ motionSweepMs: 0 });
const { server } = browserSuite;

type Vote = "agree" | "disagree" | "pass";
// Camp X agrees with 0–3 and disagrees with 4–6; camp Y the opposite; both agree with 7.
const stances: Record<"X" | "Y", Vote[]> = {
  X: ["agree", "agree", "agree", "agree", "disagree", "disagree", "disagree", "agree"],
  Y: ["disagree", "disagree", "disagree", "disagree", "agree", "agree", "agree", "agree"],
};
const texts = [
  "Pipa baru dibiayai APBD",
  "Swasta mengelola instalasi",
  "Tarif naik untuk industri",
  "Kampus mengukur mutu air",
  "Sumur warga tetap dipakai",
  "Tarif tetap untuk semua",
  "Pengelolaan tetap oleh warga",
  "Jadwal perbaikan diumumkan",
];
// members: 0–1 government, 2–3 private, 4–5 community, 6–7 academia, 8–9 media. Member 2 votes in the page.
const camps = { X: [0, 1, 3, 4, 6], Y: [5, 7, 8, 9] };
const browserMember = 2;

const languages = [
  {
    locale: "id-ID",
    tab: "Peta pendapat",
    summary: "2 kelompok dari 10 anggota (10 memberi suara).",
    groupA: "Kelompok A: 6 anggota",
    sectorsA: ["Pemerintah 2", "Swasta 2", "Masyarakat 1", "Akademisi 1"],
    sectorsB: ["Masyarakat 1", "Akademisi 1", "Media 2"],
    counts: "6 setuju, 4 tidak setuju, 0 lewati",
  },
  {
    locale: "en-US",
    tab: "Opinion map",
    summary: "2 groups of 10 members (10 voted).",
    groupA: "Group A: 6 members",
    sectorsA: ["Government 2", "Private sector 2", "Community 1", "Academia 1"],
    sectorsB: ["Community 1", "Academia 1", "Media 2"],
    counts: "6 agree, 4 disagree, 0 pass",
  },
] as const;

async function plantedRoom(): Promise<{ roomId: string; members: Member[]; statementIds: string[] }> {
  const { roomId, members } = await roomOfSectors(server, 2);
  const statementIds: string[] = [];
  for (const [index, text] of texts.entries()) {
    const author = members[(index * 3) % members.length]!;
    const created = await author.client.post(`/api/rooms/${roomId}/opinion-statements`, { text });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    statementIds.push(created.body.id);
  }
  for (const [camp, indexes] of Object.entries(camps) as ["X" | "Y", number[]][]) {
    for (const index of indexes) {
      for (const [s, vote] of stances[camp].entries()) {
        const sent = await members[index]!.client.post(`/api/opinion-statements/${statementIds[s]}/votes`, { vote });
        expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      }
    }
  }
  return { roomId, members, statementIds };
}

describe.each(languages)("the opinion map in $locale", (words) => {
  it("groups the voters after a keyboard vote, says where each sector sits, and takes a new statement", async () => {
    const { roomId, members, statementIds } = await plantedRoom();
    const member = members[browserMember]!;
    expect(member.sector).toBe("private");
    const user = await browserSuite.openUserForTest({ locale: words.locale });
    await signInWithCookie(user, server.url, member.client.refreshCookie, `/rooms/${roomId}?tab=opinions`);
    const page = user.page;
    await expect.poll(() => page.getByTestId("room-tab-opinions").textContent()).toBe(words.tab);
    const statements = page.getByTestId("statement");
    await eventually(async () => expect(await statements.count()).toBe(8));
    await expectAccessible(page, "the opinion map before voting");

    // The member votes with camp X, statement by statement, by keyboard.
    for (const [s, vote] of stances.X.entries()) {
      const card = page.locator(`[data-testid=statement][data-statement-id="${statementIds[s]}"]`);
      await press(card.getByTestId(`statement-${vote}`), "Enter");
      await eventually(async () =>
        expect(await card.getByTestId(`statement-${vote}`).getAttribute("aria-pressed")).toBe("true"),
      );
    }
    const first = page.locator(`[data-testid=statement][data-statement-id="${statementIds[0]}"]`);
    expect(await first.getByTestId("statement-votes").textContent()).toBe(words.counts);

    // Read again after the last vote, or at the latest by the page's own refresh (every 10 s).
    await eventually(
      async () => expect(await page.getByTestId("opinion-groups-summary").textContent()).toBe(words.summary),
      { timeout: 15_000 },
    );
    const groupA = page.getByTestId("opinion-group-A");
    expect(await groupA.locator("strong").textContent()).toBe(words.groupA);
    const sectorsA = String(await page.getByTestId("opinion-group-A-sectors").textContent());
    for (const part of words.sectorsA) expect(sectorsA).toContain(part);
    const sectorsB = String(await page.getByTestId("opinion-group-B-sectors").textContent());
    for (const part of words.sectorsB) expect(sectorsB).toContain(part);
    expect(await page.getByTestId("opinion-consensus").locator("li").count()).toBe(1);
    expect(await page.getByTestId("opinion-consensus").textContent()).toContain(texts[7]);
    expect(await page.getByTestId("opinion-divisive").locator("li").count()).toBe(7);
    // The map draws all ten members, each in their sector's shape.
    const drawn = page.getByTestId("opinion-map").locator("text[data-sector]");
    expect(await drawn.count()).toBe(10);
    expect(await page.getByTestId("opinion-map").locator('text[data-sector="media"]').first().textContent()).toBe("★");
    await expectAccessible(page, "the opinion map with two groups");

    const text = page.getByTestId("statement-text");
    await text.focus();
    await page.keyboard.type("Jam layanan PDAM diperpanjang");
    await press(page.getByTestId("statement-submit"), "Enter");
    await eventually(async () => expect(await statements.count()).toBe(9));
    const stored = await server.app.ctx.models.OpinionStatement.find({ roomId: new Types.ObjectId(roomId) }).lean();
    expect(stored.map((statement) => statement.text).sort()).toEqual(
      [...texts, "Jam layanan PDAM diperpanjang"].sort(),
    );
    expect(await text.inputValue()).toBe("");
  });
});
