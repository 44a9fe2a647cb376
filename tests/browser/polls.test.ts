// Polls in real browsers, in Indonesian and in English, driven by the keyboard: a coordinator opens a
// ranked poll through the form; a private-sector member sees it arrive live and ranks the options; the
// coordinator's per-sector table follows without a reload; the coordinator closes it early and the decision
// log shows the result. Then score, dot and time polls are answered in the browser, a dot ballot over the
// budget is refused in words under the ballot and stores nothing. Every state is checked with axe at
// desktop and phone width.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { type BrowserUser, browserForSuite, saveScreenshot, signInWithCookie } from "../utils/browser.ts";
import { type Member, roomOfSectors } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { chooseBelow, expectAccessible, press, typeInto } from "../utils/keyboardPage.ts";

const browserSuite = browserForSuite({ motionSweepMs: 0 });
const { server } = browserSuite;

const languages = [
  {
    locale: "id-ID",
    tab: "Jajak pendapat",
    leading: "Unggul: Terminal",
    chosen: "Terpilih: Terminal",
    closed: "Ditutup",
    saved: "Jawaban Anda tersimpan.",
    change: "Ubah jawaban saya",
    tooManyDots: "Titiknya melebihi jatah Anda",
    dotsLeft: "Sisa 0 dari 5 titik",
    score: "4 (1)",
    time: "1 ya, 0 jika perlu",
  },
  {
    locale: "en-US",
    tab: "Polls",
    leading: "Leading: Terminal",
    chosen: "Chosen: Terminal",
    closed: "Closed",
    saved: "Your answer is saved.",
    change: "Change my answer",
    tooManyDots: "More dots than you have",
    dotsLeft: "0 of 5 dots left",
    score: "4 (1)",
    time: "1 yes, 0 if need be",
  },
] as const;

function memberOf(members: Member[], sector: string): Member {
  const found = members.find((m) => m.sector === sector);
  if (!found) throw new Error(`no ${sector} member`);
  return found;
}

async function signedIn(member: Member, locale: string, path: string): Promise<BrowserUser> {
  const user = await browserSuite.openUserForTest({ locale });
  await signInWithCookie(user, server.url, member.client.refreshCookie, path);
  return user;
}

describe.each(languages)("polls in $locale", (words) => {
  it("opens a ranked poll by keyboard, follows the answers live per sector, closes it and records it", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const privateMember = memberOf(members, "private");
    const coordinatorUser = await signedIn(coordinator, words.locale, `/rooms/${roomId}?tab=polls`);
    const privateUser = await signedIn(privateMember, words.locale, `/rooms/${roomId}?tab=polls`);
    const page = coordinatorUser.page;
    await expect.poll(() => page.getByTestId("room-tab-polls").textContent()).toBe(words.tab);
    await page.getByTestId("polls-empty").waitFor();

    await press(page.getByTestId("open-poll-toggle"), "Enter");
    await typeInto(page.getByTestId("poll-title"), "Lokasi pasar baru");
    await typeInto(page.getByTestId("poll-options"), "Pelabuhan\nTerminal\nLapangan");
    await expectAccessible(page, "the open-poll form");
    await press(page.getByTestId("open-poll-submit"), "Enter");
    const card = page.getByTestId("poll");
    await card.waitFor();
    const pollId = String(await card.getAttribute("data-poll-id"));
    expect(Types.ObjectId.isValid(pollId)).toBe(true);

    // The member's page, open all along, hears the poll open.
    const privatePage = privateUser.page;
    const privateCard = privatePage.getByTestId("poll");
    await privateCard.waitFor();
    // Terminal first, Pelabuhan second; Lapangan left unranked.
    await chooseBelow(privateCard.getByTestId("poll-rank-o2"), 1);
    await chooseBelow(privateCard.getByTestId("poll-rank-o1"), 2);
    expect(await privateCard.getByTestId("poll-rank-o2").inputValue()).toBe("1");
    expect(await privateCard.getByTestId("poll-rank-o1").inputValue()).toBe("2");
    await press(privateCard.getByTestId("poll-ballot-submit"), "Enter");
    await expect.poll(() => privateCard.getByTestId("poll-ballot-saved").textContent()).toBe(words.saved);
    expect(await privateCard.getByTestId("poll-ballot-submit").textContent()).toBe(words.change);

    // The community answers over REST; the coordinator ranks Pelabuhan alone, in the browser.
    const community = await memberOf(members, "community").client.post(`/api/polls/${pollId}/ballots`, {
      answer: { ranks: { o2: 1 } },
      clientVoteId: randomUUID(),
    });
    expect(community.status).toBe(200);
    await chooseBelow(card.getByTestId("poll-rank-o1"), 1);
    await press(card.getByTestId("poll-ballot-submit"), "Enter");

    // First preferences: Pelabuhan 1 (government), Terminal 2 (private, community). Schulze: Terminal beats
    // Pelabuhan 2–1 and Lapangan 2–0, and three sectors answered, so Terminal leads.
    await eventually(async () => {
      expect(await card.getByTestId("poll-cell-o2-overall").textContent()).toBe("2");
      expect(await card.getByTestId("poll-cell-o1-government").textContent()).toBe("1");
      expect(await card.getByTestId("poll-cell-o2-private").textContent()).toBe("1");
      expect(await card.getByTestId("poll-cell-o2-community").textContent()).toBe("1");
      expect(await card.getByTestId("poll-leading").textContent()).toBe(words.leading);
    });
    await eventually(async () =>
      expect(await privateCard.getByTestId("poll-leading").textContent()).toBe(words.leading),
    );
    await expectAccessible(page, "an open ranked poll with its result");
    await saveScreenshot(page, `poll-ranked-${words.locale}`);

    await press(card.getByTestId("poll-close"), "Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expectAccessible(page, "the close-poll confirmation");
    await press(dialog.getByTestId("confirm-dialog-confirm"), "Enter");
    await eventually(async () => {
      expect(await card.getByTestId("poll-status").textContent()).toBe(words.closed);
      expect(await card.getByTestId("poll-leading").textContent()).toBe(words.chosen);
    });
    await eventually(async () => expect(await privateCard.getByTestId("poll-status").textContent()).toBe(words.closed));
    expect(await server.app.ctx.models.PollBallot.countDocuments({ pollId: new Types.ObjectId(pollId) })).toBe(3);

    await press(page.getByTestId("room-tab-decisions"), "Enter");
    const record = page.getByTestId("decision-record");
    await record.waitFor();
    expect(await record.getByTestId("decision-record-title").textContent()).toBe("Lokasi pasar baru");
    expect(await record.getByTestId("poll-leading").textContent()).toBe(words.chosen);
    await expectAccessible(page, "the decision log with a poll's record");
  });

  it("answers score, dot and time polls by keyboard and explains a dot ballot over the budget", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const open = async (body: object) => {
      const opened = await coordinator.client.post(`/api/rooms/${roomId}/polls`, body);
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      return String(opened.body.id);
    };
    const timeId = await open({
      kind: "time",
      title: "Rapat berikutnya",
      options: ["2027-01-05T01:00:00.000Z", "2027-01-06T06:00:00.000Z"],
    });
    const dotId = await open({ kind: "dot", title: "Program prioritas", options: ["Posyandu", "Sanitasi"], dots: 5 });
    const scoreId = await open({ kind: "score", title: "Prioritas anggaran", options: ["Air", "Jalan"], maxScore: 5 });
    const user = await signedIn(memberOf(members, "private"), words.locale, `/rooms/${roomId}?tab=polls`);
    const page = user.page;
    const cardOf = (pollId: string) => page.locator(`[data-testid=poll][data-poll-id="${pollId}"]`);
    await cardOf(scoreId).waitFor();

    const score = cardOf(scoreId);
    await typeInto(score.getByTestId("poll-value-o1"), "4");
    await typeInto(score.getByTestId("poll-value-o2"), "2");
    await press(score.getByTestId("poll-ballot-submit"), "Enter");
    await expect.poll(() => score.getByTestId("poll-ballot-saved").textContent()).toBe(words.saved);
    await eventually(async () =>
      expect(await score.getByTestId("poll-cell-o1-private").textContent()).toBe(words.score),
    );

    const dot = cardOf(dotId);
    await typeInto(dot.getByTestId("poll-value-o1"), "4");
    await typeInto(dot.getByTestId("poll-value-o2"), "2");
    await press(dot.getByTestId("poll-ballot-submit"), "Enter");
    await expect.poll(() => dot.getByTestId("poll-ballot-issue").textContent()).toBe(words.tooManyDots);
    await expectAccessible(page, "a dot ballot over the budget");
    expect(await server.app.ctx.models.PollBallot.countDocuments({ pollId: new Types.ObjectId(dotId) })).toBe(0);
    await dot.getByTestId("poll-value-o2").fill("");
    await typeInto(dot.getByTestId("poll-value-o2"), "1");
    expect(await dot.getByTestId("poll-dots-left").textContent()).toBe(words.dotsLeft);
    await press(dot.getByTestId("poll-ballot-submit"), "Enter");
    await expect.poll(() => dot.getByTestId("poll-ballot-saved").textContent()).toBe(words.saved);
    await eventually(async () => expect(await dot.getByTestId("poll-cell-o1-overall").textContent()).toBe("4"));

    const time = cardOf(timeId);
    await press(time.getByTestId("poll-answer-o1-yes"), "Space");
    await press(time.getByTestId("poll-answer-o2-no"), "Space");
    await press(time.getByTestId("poll-ballot-submit"), "Enter");
    await expect.poll(() => time.getByTestId("poll-ballot-saved").textContent()).toBe(words.saved);
    await eventually(async () => expect(await time.getByTestId("poll-cell-o1-private").textContent()).toBe(words.time));
    await expectAccessible(page, "answered score, dot and time polls");
    await saveScreenshot(page, `poll-kinds-${words.locale}`);

    const storedAnswers = async (pollId: string) =>
      (await server.app.ctx.models.PollBallot.find({ pollId: new Types.ObjectId(pollId) }).lean()).map((b) => b.answer);
    expect(await storedAnswers(scoreId)).toEqual([{ scores: { o1: 4, o2: 2 } }]);
    expect(await storedAnswers(dotId)).toEqual([{ dots: { o1: 4, o2: 1 } }]);
    expect(await storedAnswers(timeId)).toEqual([{ answers: { o1: "yes", o2: "no" } }]);
  });
});
