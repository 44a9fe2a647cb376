// Truthful forms in a real browser, in both languages (issue 12, point 4): an act that cannot be taken back
// (closing a motion early, removing a member, demoting a coordinator, deleting a message) asks first in a
// modal dialog that says what will happen; Cancel and Escape leave the stored state as it was, and only the
// confirm button, which names the act, does it. A text over its length limit marks its own field with the
// limit and the count typed, stores nothing, and the mark goes once the text is right; every limited text
// shows its count in the UI language's number format.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite, openSideTab, signInWithCookie } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;

type Language = "id" | "en";
type Who = "coordinator" | "privateMember" | "communityMember";

interface Account {
  client: ApiClient;
  id: string;
  name: string;
}

let roomId = "";
const accounts = {} as Record<Who, Account>;

async function account(who: Who, sector: "government" | "private" | "community", organisation: string) {
  const { client, session } = await registeredClient(server.url, sector, { organisation });
  accounts[who] = { client, id: session.user.id, name: session.user.displayName };
  return client;
}

// Every test starts from a fresh open room: a government coordinator, a private-sector participant and a
// community member.
beforeEach(async () => {
  const [coordinator, ...joiners] = await Promise.all([
    account("coordinator", "government", "Dinas PU Kota Makassar"),
    account("privateMember", "private", "PT Air Sejahtera"),
    account("communityMember", "community", "Forum Warga Tamalate"),
  ]);
  const room = await coordinator.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  for (const joined of await Promise.all(joiners.map((client) => client.post(`/api/rooms/${roomId}/join`)))) {
    expect(joined.status).toBe(201);
  }
});

/** A browser signed in as `who`, in `language`, on `path`. */
async function signedIn(who: Who, language: Language, path: string): Promise<BrowserUser> {
  const user = await browserSuite.openUserForTest();
  await user.context.addInitScript({ content: `localStorage.setItem("mufakat.locale", ${JSON.stringify(language)});` });
  await signInWithCookie(user, server.url, accounts[who].client.refreshCookie, path);
  return user;
}

/** The data-testid of the element that has focus. */
function focusedTestId(page: Page): Promise<string | null> {
  return page.locator(":focus").getAttribute("data-testid");
}

/** The dialog for `act` is open, modal, with focus on Cancel (the safe choice). */
async function dialogAsking(page: Page, act: string) {
  const dialog = page.getByTestId("confirm-dialog");
  await dialog.waitFor();
  expect(await dialog.getAttribute("data-act")).toBe(act);
  expect(await dialog.evaluate((element) => element.matches(":modal"))).toBe(true);
  expect(await focusedTestId(page)).toBe("confirm-dialog-cancel");
  return dialog;
}

async function dialogGone(page: Page): Promise<void> {
  await page.getByTestId("confirm-dialog").waitFor({ state: "detached" });
}

async function motionStatus(motionId: string): Promise<{ status: string; closeReason: string | null }> {
  const read = await accounts.coordinator.client.get(`/api/motions/${motionId}`);
  expect(read.status).toBe(200);
  return { status: read.body.status, closeReason: read.body.closeReason };
}

async function storedMembers(): Promise<Map<string, string>> {
  const read = await accounts.coordinator.client.get(`/api/rooms/${roomId}`);
  expect(read.status).toBe(200);
  return new Map((read.body.members as { user: { id: string }; role: string }[]).map((m) => [m.user.id, m.role]));
}

async function storedChat(): Promise<{ body: string | null; deleted: boolean }[]> {
  const read = await accounts.coordinator.client.get(`/api/rooms/${roomId}/chat`);
  expect(read.status).toBe(200);
  return read.body.messages;
}

const words = {
  id: {
    closeTitle: "Tutup pemungutan suara sekarang?",
    closeConfirm: "Tutup pemungutan suara sekarang",
    closeTurnout: "Sudah memberikan suara: 1 dari 3 anggota yang berhak.",
    closeOutcome: "Dengan suara ini hasilnya: Kuorum tidak tercapai.",
    closeIrreversible:
      "Tindakan ini tidak dapat dibatalkan: mosi yang sudah ditutup tidak dapat dibuka lagi, dan catatan keputusannya tetap ada.",
    removeTitle: (name: string) => `Keluarkan ${name} dari ruang ini?`,
    removeConfirm: (name: string) => `Keluarkan ${name}`,
    removeIrreversible: (name: string) =>
      `Tindakan ini tidak dapat dibatalkan: ${name} hanya dapat bergabung lagi sebagai peserta baru; perannya di sini tidak disimpan.`,
    demoteTitle: (name: string) => `Cabut peran koordinator ${name}?`,
    demoteConfirm: (name: string) => `Ubah ${name} menjadi Peserta`,
    secondCoordinator:
      "Karena menyangkut seorang koordinator, perubahan ini baru berlaku setelah koordinator lain mengonfirmasinya.",
    waiting: "Menunggu konfirmasi koordinator kedua.",
    deleteTitle: "Hapus pesan ini?",
    deleteConfirm: "Hapus pesan",
    irreversible: "Tindakan ini tidak dapat dibatalkan.",
    chatTooLong: "Pesan: Maksimal 4.000 karakter — 5.120 diketik",
    counter: (text: string) => text.replaceAll(",", "."),
    titleTooLong: "Maksimal 140 karakter — 150 diketik",
    remaining: "Sisa 5 karakter",
    over: "Kelebihan 1 karakter",
  },
  en: {
    closeTitle: "Close the vote now?",
    closeConfirm: "Close the vote now",
    closeTurnout: "Voted so far: 1 of 3 eligible members.",
    closeOutcome: "On these votes the outcome is: No quorum.",
    closeIrreversible:
      "This cannot be undone: a closed motion cannot be reopened, and its decision record stays in the log.",
    removeTitle: (name: string) => `Remove ${name} from this room?`,
    removeConfirm: (name: string) => `Remove ${name}`,
    removeIrreversible: (name: string) =>
      `This cannot be undone: ${name} can only join again as a new participant; their role here is not kept.`,
    demoteTitle: (name: string) => `Take away ${name}'s coordinator role?`,
    demoteConfirm: (name: string) => `Change ${name} to Participant`,
    secondCoordinator:
      "Because this concerns a coordinator, it takes effect only once another coordinator confirms it.",
    waiting: "Waiting for a second coordinator to confirm.",
    deleteTitle: "Delete this message?",
    deleteConfirm: "Delete message",
    irreversible: "This cannot be undone.",
    chatTooLong: "Message: At most 4,000 characters — 5,120 typed",
    counter: (text: string) => text,
    titleTooLong: "At most 140 characters — 150 typed",
    remaining: "5 characters left",
    over: "1 character too many",
  },
} as const;

describe.each(["id", "en"] as const)("confirmations and limits (%s)", (language) => {
  const say = words[language];

  it("close early asks first: Cancel and Escape leave the motion open, Confirm closes it", async () => {
    const proposalId = await seedProposal(server, roomId, accounts.coordinator.id, "Distribusi air: Senin dan Kamis.");
    const opened = await accounts.coordinator.client.post(`/api/rooms/${roomId}/motions`, {
      proposalId,
      durationMinutes: 30,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const motionId: string = opened.body.id;
    const vote = await accounts.privateMember.client.post(`/api/motions/${motionId}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(vote.status).toBe(200);

    const { page } = await signedIn("coordinator", language, `/rooms/${roomId}/proposals/${proposalId}`);
    await openSideTab(page, "motion");
    const close = page.getByTestId("motion-close");
    await close.click();
    const dialog = await dialogAsking(page, "closeMotion");
    expect(await dialog.getByTestId("confirm-dialog-title").textContent()).toBe(say.closeTitle);
    expect(await dialog.getByTestId("confirm-dialog-confirm").textContent()).toBe(say.closeConfirm);
    expect(await dialog.getByTestId("confirm-close-turnout").textContent()).toBe(say.closeTurnout);
    expect(await dialog.getByTestId("confirm-close-outcome").textContent()).toBe(say.closeOutcome);
    expect(await dialog.getByTestId("confirm-dialog-body").textContent()).toContain(say.closeIrreversible);

    await dialog.getByTestId("confirm-dialog-cancel").click();
    await dialogGone(page);
    expect(await motionStatus(motionId)).toEqual({ status: "open", closeReason: null });
    // Focus returns to the button that opened the dialog.
    expect(await focusedTestId(page)).toBe("motion-close");

    await close.click();
    await dialogAsking(page, "closeMotion");
    await page.keyboard.press("Escape");
    await dialogGone(page);
    expect(await motionStatus(motionId)).toEqual({ status: "open", closeReason: null });
    expect(await page.getByTestId("running-motion").count()).toBe(1);

    await close.click();
    await (await dialogAsking(page, "closeMotion")).getByTestId("confirm-dialog-confirm").click();
    await page.getByTestId("decision-banner").waitFor();
    await dialogGone(page);
    expect(await motionStatus(motionId)).toEqual({ status: "closed", closeReason: "coordinator" });
  });

  it("removing a member and demoting a coordinator ask first and change nothing until confirmed", async () => {
    const promoted = await accounts.coordinator.client.patch(
      `/api/rooms/${roomId}/members/${accounts.communityMember.id}/role`,
      { role: "coordinator" },
    );
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    const { page } = await signedIn("coordinator", language, `/rooms/${roomId}`);
    await openSideTab(page, "people");
    const memberItem = (sector: string, name: string) =>
      page.getByTestId(`sector-group-${sector}`).getByTestId("member").filter({ hasText: name });

    // Removing the participant: the dialog names them and says they cannot simply come back.
    const participant = accounts.privateMember;
    await memberItem("private", participant.name).getByTestId("member-remove").click();
    let dialog = await dialogAsking(page, "removeMember");
    expect(await dialog.getByTestId("confirm-dialog-title").textContent()).toBe(say.removeTitle(participant.name));
    expect(await dialog.getByTestId("confirm-dialog-confirm").textContent()).toBe(say.removeConfirm(participant.name));
    expect(await dialog.getByTestId("confirm-dialog-body").textContent()).toContain(
      say.removeIrreversible(participant.name),
    );
    await dialog.getByTestId("confirm-dialog-cancel").click();
    await dialogGone(page);
    expect((await storedMembers()).get(participant.id)).toBe("participant");

    await memberItem("private", participant.name).getByTestId("member-remove").click();
    dialog = await dialogAsking(page, "removeMember");
    await dialog.getByTestId("confirm-dialog-confirm").click();
    await memberItem("private", participant.name).waitFor({ state: "detached" });
    expect((await storedMembers()).has(participant.id)).toBe(false);

    // Demoting the second coordinator: asks, says a second coordinator must confirm; Cancel changes nothing.
    const second = accounts.communityMember;
    const secondItem = memberItem("community", second.name);
    await secondItem.getByTestId("member-role-select").selectOption("participant");
    await secondItem.getByTestId("member-role-apply").click();
    dialog = await dialogAsking(page, "demoteCoordinator");
    expect(await dialog.getByTestId("confirm-dialog-title").textContent()).toBe(say.demoteTitle(second.name));
    expect(await dialog.getByTestId("confirm-dialog-confirm").textContent()).toBe(say.demoteConfirm(second.name));
    expect(await dialog.getByTestId("confirm-dialog-body").textContent()).toContain(say.secondCoordinator);
    await page.keyboard.press("Escape");
    await dialogGone(page);
    expect(await secondItem.getByTestId("member-role-select").inputValue()).toBe("coordinator");
    expect((await storedMembers()).get(second.id)).toBe("coordinator");
    const none = await accounts.coordinator.client.get(`/api/rooms/${roomId}/pending-actions`);
    expect(none.body).toEqual([]);

    await secondItem.getByTestId("member-role-select").selectOption("participant");
    await secondItem.getByTestId("member-role-apply").click();
    await (await dialogAsking(page, "demoteCoordinator")).getByTestId("confirm-dialog-confirm").click();
    await dialogGone(page);
    expect(await secondItem.getByTestId("member-waiting").textContent()).toBe(say.waiting);
    const pending = await accounts.coordinator.client.get(`/api/rooms/${roomId}/pending-actions`);
    expect(pending.body).toMatchObject([
      { kind: "demote-coordinator", targetUserId: second.id, newRole: "participant" },
    ]);
    expect((await storedMembers()).get(second.id)).toBe("coordinator");
    await page.getByTestId("pending-action").waitFor();
  });

  it("deleting a chat message asks first; Cancel keeps the text, Confirm deletes it", async () => {
    const { page } = await signedIn("privateMember", language, `/rooms/${roomId}`);
    await page.getByTestId("chat-input").fill("Pesan yang salah kirim");
    await page.getByTestId("chat-send").click();
    const message = page.getByTestId("chat-message").filter({ hasText: "Pesan yang salah kirim" });
    await message.waitFor();

    await message.getByTestId("message-delete").click();
    let dialog = await dialogAsking(page, "deleteMessage");
    expect(await dialog.getByTestId("confirm-dialog-title").textContent()).toBe(say.deleteTitle);
    expect(await dialog.getByTestId("confirm-dialog-confirm").textContent()).toBe(say.deleteConfirm);
    expect(await dialog.getByTestId("confirm-dialog-body").textContent()).toContain("Pesan yang salah kirim");
    expect(await dialog.getByTestId("confirm-dialog-body").textContent()).toContain(say.irreversible);
    await dialog.getByTestId("confirm-dialog-cancel").click();
    await dialogGone(page);
    expect(await storedChat()).toMatchObject([{ body: "Pesan yang salah kirim", deleted: false }]);

    await message.getByTestId("message-delete").click();
    dialog = await dialogAsking(page, "deleteMessage");
    await dialog.getByTestId("confirm-dialog-confirm").click();
    await page.locator('[data-testid="chat-message"][data-deleted="true"]').waitFor();
    expect(await storedChat()).toMatchObject([{ body: null, deleted: true }]);
  });

  it("a 5,120-character chat message marks the message field, stores nothing, and the mark goes once fixed", async () => {
    const { page } = await signedIn("privateMember", language, `/rooms/${roomId}`);
    const input = page.getByTestId("chat-input");
    const fieldError = page.getByTestId("chat-body-error");
    await input.fill("x".repeat(5120));
    expect(await page.getByTestId("chat-body-counter").textContent()).toBe(say.counter("5,120 / 4,000"));
    await page.getByTestId("chat-send").click();

    await fieldError.waitFor();
    expect(await fieldError.textContent()).toBe(say.chatTooLong);
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect((await input.getAttribute("aria-describedby"))?.split(" ")).toContain(await fieldError.getAttribute("id"));
    // The field is marked, so no banner says "check the marked fields" about nothing.
    expect(await page.getByTestId("chat-error").count()).toBe(0);
    expect(await storedChat()).toEqual([]);

    // Back at the limit: the mark goes without sending.
    await input.fill("x".repeat(4000));
    await fieldError.waitFor({ state: "detached" });
    expect(await input.getAttribute("aria-invalid")).toBe("false");
    expect(await page.getByTestId("chat-body-counter").textContent()).toBe(say.counter("4,000 / 4,000"));

    // Over again, refused again; then a valid message is sent, and nothing of the refusal stays.
    await input.fill("x".repeat(5120));
    await page.getByTestId("chat-send").click();
    await fieldError.waitFor();
    await input.fill("Rapat berikutnya hari Rabu.");
    await page.getByTestId("chat-send").click();
    await page.getByTestId("chat-message").filter({ hasText: "Rapat berikutnya hari Rabu." }).waitFor();
    expect(await fieldError.count()).toBe(0);
    expect(await page.getByTestId("chat-error").count()).toBe(0);
    expect(await input.getAttribute("aria-invalid")).toBe("false");
    expect(await page.getByTestId("chat-body-counter").textContent()).toBe(say.counter("0 / 4,000"));
    expect(await storedChat()).toMatchObject([{ body: "Rapat berikutnya hari Rabu.", deleted: false }]);
  });

  it("every limited field counts exactly, announces only near the limit, and a fixed title loses its mark", async () => {
    const roomsBefore = await server.connection.collection("rooms").countDocuments();
    const { page } = await signedIn("coordinator", language, "/rooms/new");
    const title = page.getByTestId("room-title");
    const titleCounter = page.getByTestId("room-title-counter");
    const purposeCounter = page.getByTestId("room-purpose-counter");
    const purposeLive = page.getByTestId("room-purpose-counter-live");

    await title.fill("Air bersih Tamalate");
    expect(await titleCounter.textContent()).toBe("19 / 140");
    // Spaces at either end are trimmed before the limit is checked, so they do not count.
    await title.fill("  Air  ");
    expect(await titleCounter.textContent()).toBe("3 / 140");

    await page.getByTestId("room-purpose").fill("a".repeat(3995));
    expect(await purposeCounter.textContent()).toBe(say.counter("3,995 / 4,000"));
    await purposeLive.filter({ hasText: say.remaining }).waitFor();
    await page.getByTestId("room-purpose").fill("a".repeat(4001));
    await purposeLive.filter({ hasText: say.over }).waitFor();
    await page.getByTestId("room-purpose").fill("a".repeat(100));
    expect(await purposeCounter.textContent()).toBe(say.counter("100 / 4,000"));
    await eventually(async () => expect(await purposeLive.textContent()).toBe(""));

    await title.fill("t".repeat(150));
    await page.getByTestId("create-room-submit").click();
    const titleError = page.getByTestId("room-title-error");
    await titleError.waitFor();
    expect(await titleError.textContent()).toBe(say.titleTooLong);
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await server.connection.collection("rooms").countDocuments()).toBe(roomsBefore);

    await title.fill("t".repeat(140));
    await titleError.waitFor({ state: "detached" });
    expect(await title.getAttribute("aria-invalid")).toBe("false");
    expect(await server.connection.collection("rooms").countDocuments()).toBe(roomsBefore);
  });
});
