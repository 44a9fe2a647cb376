// Vote delegation in real browsers, in Indonesian and in English, driven by the keyboard: a private-sector
// member hands their vote to a colleague of the same sector from the room's motion tab; a motion opens; the
// colleague votes and the member's panel says the vote counts as delegated through them, while the tally
// shows one delegated ballot in the private sector; the member then votes themselves (the status becomes
// direct) and takes the delegation back. A delegation for one open motion only is given and taken back
// there, leaving the room-wide one untouched. A coordinator lets delegations cross sectors in the settings form;
// a member's page still lists a community member after the room turned it off again, and the refusal is
// shown in the error's words, storing nothing. Every state is checked with axe at desktop and phone width.
import { Types } from "mongoose";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type BrowserUser, browserForSuite, signInWithCookie } from "../utils/browser.ts";
import { type Member, roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { chooseBelow, expectAccessible, press } from "../utils/keyboardPage.ts";

const browserSuite = browserForSuite({ motionSweepMs: 0 });
const { server } = browserSuite;

const languages = [
  {
    locale: "id-ID",
    private: "Swasta",
    community: "Masyarakat",
    choose: "— Pilih anggota —",
    ownSector: "Di ruang ini suara hanya dapat dilimpahkan kepada anggota sektor Anda sendiri.",
    anySector: "Di ruang ini suara dapat dilimpahkan kepada anggota sektor mana pun.",
    givenNone: "Anda belum melimpahkan suara Anda.",
    given: (name: string) =>
      `Suara Anda dibawa oleh ${name} (Swasta) pada setiap mosi ruang ini, kecuali Anda memberi suara sendiri.`,
    receivedRoom: (name: string) => `${name} (Swasta), pada setiap mosi`,
    inForceRoom: (name: string) => `Suara Anda dilimpahkan kepada ${name} (Swasta) untuk seluruh ruang.`,
    inForceMotion: (name: string) => `Untuk mosi ini saja, suara Anda dilimpahkan kepada ${name} (Swasta).`,
    notCounted: "Suara Anda belum dihitung: yang membawa suara Anda belum memberi suara.",
    delegatedBy: (name: string) => `Suara Anda dihitung melalui pelimpahan, dibawa oleh ${name}.`,
    direct: "Suara Anda dihitung langsung: Anda memberi suara sendiri.",
    none: "Anda belum memberi suara dan tidak melimpahkannya.",
    carrying: "Suara Anda juga membawa suara 1 anggota.",
    weight: (direct: number, delegated: number) => `Langsung: ${direct} · Dilimpahkan: ${delegated}`,
    acrossSectors: "Ruang ini membatasi pelimpahan suara dalam satu sektor: pilih anggota dari sektor Anda.",
    settingsSaved: "Pengaturan tersimpan.",
  },
  {
    locale: "en-US",
    private: "Private sector",
    community: "Community",
    choose: "— Choose a member —",
    ownSector: "In this room a vote can be delegated only to a member of your own sector.",
    anySector: "In this room a vote can be delegated to a member of any sector.",
    givenNone: "You have not delegated your vote.",
    given: (name: string) =>
      `${name} (Private sector) carries your vote on every motion of this room, unless you vote yourself.`,
    receivedRoom: (name: string) => `${name} (Private sector), on every motion`,
    inForceRoom: (name: string) => `Your vote is delegated to ${name} (Private sector) for the whole room.`,
    inForceMotion: (name: string) => `For this motion only, your vote is delegated to ${name} (Private sector).`,
    notCounted: "Your vote is not counted yet: whoever carries it has not voted.",
    delegatedBy: (name: string) => `Your vote counts as delegated, carried by ${name}.`,
    direct: "Your vote counts directly: you voted yourself.",
    none: "You have not voted and have not delegated your vote.",
    carrying: "Your vote also carries 1 member's vote.",
    weight: (direct: number, delegated: number) => `Direct: ${direct} · Delegated: ${delegated}`,
    acrossSectors: "This room keeps delegations within a sector: choose a member of your own sector.",
    settingsSaved: "Settings saved.",
  },
] as const;

function membersOf(members: Member[], sector: string): Member[] {
  return members.filter((m) => m.sector === sector);
}

async function nameOf(member: Member): Promise<string> {
  const user = await server.app.ctx.models.User.findById(member.id).lean();
  if (!user) throw new Error(`no user ${member.id}`);
  return user.displayName;
}

async function signedIn(member: Member, locale: string, path: string): Promise<BrowserUser> {
  const user = await browserSuite.openUserForTest({ locale });
  await signInWithCookie(user, server.url, member.client.refreshCookie, path);
  return user;
}

/** The side panel's motion tab, reached from the selected discussion tab with the arrow key. */
async function openMotionTab(page: Page): Promise<void> {
  await press(page.getByTestId("side-tab-discussion"), "ArrowRight");
  await page.getByTestId("side-panel-motion").waitFor();
}

const storedDelegations = (roomId: string) =>
  server.app.ctx.models.Delegation.find({ roomId: new Types.ObjectId(roomId) }).lean();

describe.each(languages)("vote delegation in $locale", (words) => {
  it("delegates to a colleague by keyboard, counts through them, then votes directly and takes it back", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [delegator, delegate] = membersOf(members, "private");
    if (!delegator || !delegate) throw new Error("two private members expected");
    const [delegatorName, delegateName] = [await nameOf(delegator), await nameOf(delegate)];
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Air bersih tiap Senin.");
    const path = `/rooms/${roomId}/proposals/${proposalId}`;
    const { page } = await signedIn(delegator, words.locale, path);
    const delegateUser = await signedIn(delegate, words.locale, path);
    await openMotionTab(page);
    await openMotionTab(delegateUser.page);

    const panel = page.getByTestId("delegation-panel");
    await panel.getByTestId("delegation-given-none").waitFor();
    expect(await panel.getByTestId("delegation-given-none").textContent()).toBe(words.givenNone);
    expect(await panel.getByTestId("delegation-rule").textContent()).toBe(words.ownSector);
    // Only the other private member: the room keeps delegations within a sector.
    const select = panel.getByTestId("delegation-chooser-select");
    expect(await select.locator("option").allTextContents()).toEqual([
      words.choose,
      `${delegateName} (${words.private})`,
    ]);
    await chooseBelow(select, 1);
    await press(panel.getByTestId("delegation-chooser-submit"), "Enter");
    await expect.poll(() => panel.getByTestId("delegation-given").textContent()).toBe(words.given(delegateName));
    const given = await storedDelegations(roomId);
    expect(given.map((d) => [d.delegatorId.toHexString(), d.delegateId.toHexString(), d.motionId])).toEqual([
      [delegator.id, delegate.id, null],
    ]);
    // The delegate's panel, open all along, shows whose vote they carry once it is read again.
    await delegateUser.page.reload();
    await openMotionTab(delegateUser.page);
    await expect
      .poll(() => delegateUser.page.getByTestId("delegation-received-item").allTextContents())
      .toEqual([words.receivedRoom(delegatorName)]);
    await expectAccessible(page, "a room-wide delegation given");

    // A motion opens over REST; the delegate's vote is not in yet, so the delegator's vote is not counted.
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 30 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const motionId = String(opened.body.id);
    const standing = page.getByTestId("motion-delegation-status");
    await expect.poll(() => standing.textContent()).toBe(words.notCounted);
    expect(await page.getByTestId("motion-delegation-in-force").textContent()).toBe(words.inForceRoom(delegateName));

    // The delegate votes in their browser, by keyboard.
    const delegatePage = delegateUser.page;
    await delegatePage.getByTestId("vote-form").waitFor();
    await press(delegatePage.getByTestId("vote-position-support"), "Space");
    await press(delegatePage.getByTestId("vote-submit"), "Enter");
    await delegatePage.getByTestId("vote-mine").waitFor();
    await expect.poll(() => delegatePage.getByTestId("motion-delegation-carrying").textContent()).toBe(words.carrying);

    await expect.poll(() => standing.textContent()).toBe(words.delegatedBy(delegateName));
    expect(await standing.getAttribute("data-status")).toBe("delegated");
    const privateRow = page.getByTestId("tally-sector-private");
    await expect.poll(() => privateRow.getByTestId("tally-sector-weight").textContent()).toBe(words.weight(1, 1));
    expect(await privateRow.getByTestId("tally-count-support").textContent()).toBe("2");
    // One ballot stored (the delegate's); the delegator's counts through the stored delegation.
    expect(await server.app.ctx.models.VoteEvent.countDocuments({ motionId: new Types.ObjectId(motionId) })).toBe(1);
    const read = await coordinator.client.get(`/api/motions/${motionId}`);
    expect(read.body.tally.perSector.private.direct.support).toBe(1);
    expect(read.body.tally.perSector.private.delegated.support).toBe(1);
    await expectAccessible(page, "a vote counted through a delegate");

    // The delegator votes themselves: a direct vote overrides the delegation.
    await press(page.getByTestId("vote-position-standAside"), "Space");
    await press(page.getByTestId("vote-submit"), "Enter");
    await expect.poll(() => standing.textContent()).toBe(words.direct);
    await expect.poll(() => privateRow.getByTestId("tally-sector-weight").textContent()).toBe(words.weight(2, 0));
    expect(await privateRow.getByTestId("tally-count-standAside").textContent()).toBe("1");

    // And takes the room-wide delegation back.
    await press(panel.getByTestId("delegation-revoke"), "Enter");
    await expect.poll(() => panel.getByTestId("delegation-given-none").textContent()).toBe(words.givenNone);
    await expect.poll(() => page.getByTestId("motion-delegation-in-force").count()).toBe(0);
    expect(await standing.textContent()).toBe(words.direct);
    expect(await storedDelegations(roomId)).toEqual([]);
    await expectAccessible(page, "a delegation taken back");
  });

  it("delegates on one open motion only, by keyboard, and takes it back", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 2);
    const [delegator, delegate] = membersOf(members, "private");
    if (!delegator || !delegate) throw new Error("two private members expected");
    const delegateName = await nameOf(delegate);
    const proposalId = await seedProposal(server, roomId, coordinator.id, "Air bersih tiap Kamis.");
    const opened = await coordinator.client.post(`/api/rooms/${roomId}/motions`, { proposalId, durationMinutes: 30 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const motionId = String(opened.body.id);
    const { page } = await signedIn(delegator, words.locale, `/rooms/${roomId}/proposals/${proposalId}`);
    await openMotionTab(page);

    const section = page.getByTestId("motion-delegation");
    const standing = section.getByTestId("motion-delegation-status");
    await expect.poll(() => standing.textContent()).toBe(words.none);
    await chooseBelow(section.getByTestId("motion-delegation-chooser-select"), 1);
    await press(section.getByTestId("motion-delegation-chooser-submit"), "Enter");
    await expect
      .poll(() => section.getByTestId("motion-delegation-in-force").textContent())
      .toBe(words.inForceMotion(delegateName));
    expect(await standing.textContent()).toBe(words.notCounted);
    // For this motion only: the room-wide panel still says no delegation.
    expect(await page.getByTestId("delegation-given-none").textContent()).toBe(words.givenNone);
    const stored = await storedDelegations(roomId);
    expect(
      stored.map((d) => [d.delegatorId.toHexString(), d.delegateId.toHexString(), d.motionId?.toHexString()]),
    ).toEqual([[delegator.id, delegate.id, motionId]]);
    await expectAccessible(page, "a delegation on one motion");

    await press(section.getByTestId("motion-delegation-revoke"), "Enter");
    await expect.poll(() => standing.textContent()).toBe(words.none);
    expect(await section.getByTestId("motion-delegation-in-force").count()).toBe(0);
    expect(await storedDelegations(roomId)).toEqual([]);
  });

  it("lets a coordinator allow delegations across sectors, and shows the refusal once the room forbids it", async () => {
    const { roomId, coordinator, members } = await roomOfSectors(server, 1);
    const [delegator] = membersOf(members, "private");
    const [community] = membersOf(members, "community");
    if (!delegator || !community) throw new Error("a private and a community member expected");
    const communityName = await nameOf(community);

    // The coordinator ticks the new setting in the decisions tab, by keyboard.
    const coordinatorPage = (await signedIn(coordinator, words.locale, `/rooms/${roomId}`)).page;
    await press(coordinatorPage.getByTestId("room-tab-decisions"), "Enter");
    const across = coordinatorPage.getByTestId("settings-delegation-across-sectors");
    await across.waitFor();
    expect(await across.isChecked()).toBe(false);
    await press(across, "Space");
    await press(coordinatorPage.getByTestId("settings-save"), "Enter");
    await expect.poll(() => coordinatorPage.getByTestId("settings-saved").textContent()).toBe(words.settingsSaved);
    expect((await server.app.ctx.models.Room.findById(roomId).lean())?.delegationAcrossSectors).toBe(true);
    await expectAccessible(coordinatorPage, "the decision settings with delegation across sectors");

    const { page } = await signedIn(delegator, words.locale, `/rooms/${roomId}`);
    await openMotionTab(page);
    const panel = page.getByTestId("delegation-panel");
    await expect.poll(() => panel.getByTestId("delegation-rule").textContent()).toBe(words.anySector);
    const select = panel.getByTestId("delegation-chooser-select");
    const options = await select.locator("option").allTextContents();
    const communityOption = options.indexOf(`${communityName} (${words.community})`);
    expect(communityOption).toBeGreaterThan(0);

    // The room turns it off again while the member's page still offers the community member.
    const off = await coordinator.client.patch(`/api/rooms/${roomId}/decision-settings`, {
      delegationAcrossSectors: false,
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    await chooseBelow(select, communityOption);
    await press(panel.getByTestId("delegation-chooser-submit"), "Enter");
    const refusal = panel.getByTestId("delegation-chooser-error");
    await expect.poll(() => refusal.textContent()).toBe(words.acrossSectors);
    expect(await refusal.getAttribute("data-error-code")).toBe("DELEGATION_ACROSS_SECTORS");
    expect(await storedDelegations(roomId)).toEqual([]);
    // The list is read again with the room's rule: the member's own sector only.
    await expect.poll(() => panel.getByTestId("delegation-rule").textContent()).toBe(words.ownSector);
    await eventually(async () =>
      expect(await panel.getByTestId("delegation-given-none").textContent()).toBe(words.givenNone),
    );
    await expectAccessible(page, "a delegation across sectors refused");
  });
});
