// The proposal editor in real browsers, in both languages (issue 14, "a real editor"): headings, bold,
// lists and a quote applied with the toolbar and with TipTap's shortcuts reach the other member's editor as
// the same structure, and the stored Y.Doc holds exactly that structure; the collaboration undo takes the
// author's last edit back and redo restores it; the link form refuses a javascript: address (nothing stored)
// and sets an https one; "@" in the editor offers the room's members, the keyboard picks one and the stored
// document holds a mention element with their id; "@" in the chat offers them too, and the sent message
// names them as the server's findMentions reads it, so the stored message mentions that member.
import { proposalBodyFragment } from "@mufakat/shared";
import { Types } from "mongoose";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type ApiClient, registeredClient } from "../utils/api.ts";
import { type BrowserUser, browserForSuite, openSideTab, signInWithCookie } from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { storedState } from "../utils/socket.ts";

const browserSuite = browserForSuite();
const { server } = browserSuite;

type Language = "id" | "en";
type Who = "coordinator" | "community" | "private";

interface Account {
  client: ApiClient;
  id: string;
  name: string;
}

const accounts = {} as Record<Who, Account>;
/** Y.UndoManager's default captureTimeout, which the Collaboration extension keeps. */
const undoCaptureMs = 500;
let roomId = "";
let proposalId = "";

const words = {
  id: {
    bold: "Tebal",
    heading: "Judul bagian H2",
    bulletList: "Daftar berbutir",
    boldTitle: "Tebal (Ctrl+B)",
    linkProtocol: "Hanya alamat http, https atau mailto yang dapat menjadi tautan.",
    toolbar: "Format teks usulan",
  },
  en: {
    bold: "Bold",
    heading: "Heading H2",
    bulletList: "Bulleted list",
    boldTitle: "Bold (Ctrl+B)",
    linkProtocol: "Only http, https or mailto addresses can be links.",
    toolbar: "Proposal text formatting",
  },
} as const;

// A fresh room for every test: a government coordinator (Budi Rahman), a community participant (Citra
// Lestari) and a private-sector participant (Budi Santoso), so "@Bu" means two members.
beforeEach(async () => {
  const register = async (who: Who, sector: "government" | "community" | "private", displayName: string) => {
    const { client, session } = await registeredClient(server.url, sector, { displayName });
    accounts[who] = { client, id: session.user.id, name: displayName };
    return client;
  };
  const [coordinator, ...joiners] = await Promise.all([
    register("coordinator", "government", "Budi Rahman"),
    register("community", "community", "Citra Lestari"),
    register("private", "private", "Budi Santoso"),
  ]);
  const room = await coordinator.post("/api/rooms", { title: "Air bersih Tamalate", visibility: "open" });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  for (const joined of await Promise.all(joiners.map((client) => client.post(`/api/rooms/${roomId}/join`)))) {
    expect(joined.status).toBe(201);
  }
  proposalId = await seedProposal(server, roomId, accounts.coordinator.id, "");
});

async function signedIn(who: Who, language: Language, path: string): Promise<BrowserUser> {
  const user = await browserSuite.openUserForTest({ locale: language === "en" ? "en-US" : "id-ID" });
  await user.context.addInitScript({ content: `localStorage.setItem("mufakat.locale", ${JSON.stringify(language)});` });
  await signInWithCookie(user, server.url, accounts[who].client.refreshCookie, path);
  return user;
}

/** `who` on the proposal, connected, with the editor loaded. */
async function editing(who: Who, language: Language): Promise<Page> {
  const { page } = await signedIn(who, language, `/rooms/${roomId}/proposals/${proposalId}`);
  await page.getByTestId("connection-status").and(page.locator('[data-state="connected"]')).waitFor();
  await page.getByTestId("proposal-editor").waitFor();
  return page;
}

interface PageNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: Iterable<PageNode>;
  classList?: { contains(name: string): boolean };
  getAttribute?(name: string): string | null;
}

/**
 * The editor's content as tags and text only (`<h2>…</h2><p><strong>…</strong></p>`), without the carets and
 * selections of others (decorations: a selection's span is dropped, its text kept), ProseMirror's trailing
 * breaks and attributes, except a link's href and a mention's id.
 */
function editorOutline(page: Page): Promise<string> {
  return page.getByTestId("proposal-editor").evaluate((editor) => {
    const outline = (node: PageNode): string => {
      if (node.nodeType === 3) return (node.textContent ?? "").replace(/\u2060/g, "");
      if (node.nodeType !== 1) return "";
      if (node.classList?.contains("collaboration-carets__caret")) return "";
      if (node.classList?.contains("ProseMirror-trailingBreak")) return "";
      if (node.classList?.contains("ProseMirror-separator")) return "";
      const children = [...node.childNodes].map(outline).join("");
      if (node.classList?.contains("ProseMirror-yjs-selection")) return children;
      const tag = node.nodeName.toLowerCase();
      const href = tag === "a" ? ` href="${node.getAttribute?.("href")}"` : "";
      const mention =
        node.getAttribute?.("data-type") === "mention" ? ` data-id="${node.getAttribute("data-id")}"` : "";
      return `<${tag}${href}${mention}>${children}</${tag}>`;
    };
    return [...(editor as unknown as PageNode).childNodes].map(outline).join("");
  });
}

async function waitForOutline(page: Page, expected: string): Promise<void> {
  await eventually(async () => expect(await editorOutline(page)).toBe(expected), { timeout: 15_000, interval: 100 });
}

/**
 * The stored document's body as Yjs writes it: elements and formatted text as XML, element names in lower
 * case and attributes in alphabetical order.
 */
async function storedBody(): Promise<string> {
  const { state } = await storedState(server.connection, proposalId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const xml = doc.getXmlFragment(proposalBodyFragment).toString();
  doc.destroy();
  return xml;
}

async function saved(page: Page): Promise<void> {
  await page.getByTestId("connection-status").and(page.locator('[data-unsaved="0"]')).waitFor();
}

describe.each(["id", "en"] as const)("the proposal editor (%s)", (language) => {
  const say = words[language];

  it("formats with the toolbar and the shortcuts; the other member sees the same structure, and it is stored", async () => {
    const author = await editing("coordinator", language);
    const reader = await editing("community", language);
    const toolbar = author.getByRole("toolbar", { name: say.toolbar });
    const bold = toolbar.getByRole("button", { name: say.bold, exact: true });
    expect(await bold.getAttribute("title")).toBe(say.boldTitle);
    expect(await bold.getAttribute("aria-keyshortcuts")).toBe("Control+B");
    const editor = author.getByRole("textbox", { name: language === "id" ? "Teks usulan" : "Proposal text" });
    expect(await editor.getAttribute("aria-multiline")).toBe("true");

    await editor.click();
    // With the toolbar: a heading, bold, a bulleted list.
    await toolbar.getByRole("button", { name: say.heading, exact: true }).click();
    await author.keyboard.type("Jadwal air");
    await author.keyboard.press("Enter");
    await bold.click();
    expect(await bold.getAttribute("aria-pressed")).toBe("true");
    await author.keyboard.type("Senin");
    await bold.click();
    expect(await bold.getAttribute("aria-pressed")).toBe("false");
    await author.keyboard.type(" dan Kamis");
    await author.keyboard.press("Enter");
    await toolbar.getByRole("button", { name: say.bulletList }).click();
    await author.keyboard.type("Pagi");
    await author.keyboard.press("Enter");
    await author.keyboard.type("Sore");
    await author.keyboard.press("Enter");
    await author.keyboard.press("Enter");
    // With TipTap's shortcuts: a subheading, bold, a numbered list, a quote.
    await author.keyboard.press("Control+Alt+3");
    await author.keyboard.type("Catatan");
    await author.keyboard.press("Enter");
    await author.keyboard.press("Control+b");
    await author.keyboard.type("Wajib");
    await author.keyboard.press("Control+b");
    await author.keyboard.type(" hadir");
    await author.keyboard.press("Enter");
    await author.keyboard.press("Control+Shift+7");
    await author.keyboard.type("Satu");
    await author.keyboard.press("Enter");
    await author.keyboard.press("Enter");

    const beforeQuote =
      "<h2>Jadwal air</h2><p><strong>Senin</strong> dan Kamis</p>" +
      "<ul><li><p>Pagi</p></li><li><p>Sore</p></li></ul>" +
      "<h3>Catatan</h3><p><strong>Wajib</strong> hadir</p>" +
      "<ol><li><p>Satu</p></li></ol>";
    const storedBeforeQuote =
      '<heading level="2">Jadwal air</heading><paragraph><bold>Senin</bold> dan Kamis</paragraph>' +
      "<bulletlist><listitem><paragraph>Pagi</paragraph></listitem><listitem><paragraph>Sore</paragraph></listitem></bulletlist>" +
      '<heading level="3">Catatan</heading><paragraph><bold>Wajib</bold> hadir</paragraph>' +
      '<orderedlist start="1"><listitem><paragraph>Satu</paragraph></listitem></orderedlist>';
    // Leaving the list leaves the caret in an empty paragraph, and StarterKit's trailing node has put one
    // after the list when it was the last block; the quote takes the caret's paragraph, the other stays.
    await waitForOutline(reader, `${beforeQuote}<p></p><p></p>`);
    // Yjs's undo manager makes one step of the edits less than its capture time (500 ms) apart, as of a
    // burst of typing; the author pauses, so the quote is a step of its own.
    await author.waitForTimeout(undoCaptureMs + 100);
    await author.keyboard.press("Control+Shift+b");
    await author.keyboard.type("Kutipan warga");

    // The trailing paragraph is in the stored document too.
    const html = `${beforeQuote}<blockquote><p>Kutipan warga</p></blockquote><p></p>`;
    const stored = `${storedBeforeQuote}<blockquote><paragraph>Kutipan warga</paragraph></blockquote><paragraph></paragraph>`;
    await waitForOutline(author, html);
    await waitForOutline(reader, html);
    await saved(author);
    expect(await storedBody()).toBe(stored);

    // The collaboration undo takes the author's last edit (the quote) back, for both and in the stored
    // document; redo brings exactly it back.
    await toolbar.getByTestId("editor-undo").click();
    await waitForOutline(reader, `${beforeQuote}<p></p><p></p>`);
    await waitForOutline(author, `${beforeQuote}<p></p><p></p>`);
    await saved(author);
    expect(await storedBody()).toBe(`${storedBeforeQuote}<paragraph></paragraph><paragraph></paragraph>`);
    await author.keyboard.press("Control+Shift+z");
    await waitForOutline(reader, html);
    await waitForOutline(author, html);
    await saved(author);
    expect(await storedBody()).toBe(stored);
  });

  it("refuses a javascript: link (nothing stored) and sets an https one", async () => {
    const author = await editing("coordinator", language);
    const reader = await editing("community", language);
    const editor = author.getByTestId("proposal-editor");
    await editor.click();
    await author.keyboard.type("Lihat jadwal");
    for (const _ of "jadwal") await author.keyboard.press("Shift+ArrowLeft");
    await author.getByTestId("editor-link").click();
    const url = author.getByTestId("link-url");
    expect(
      await url.evaluate(
        (input) => input === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
      ),
    ).toBe(true);
    await url.fill("javascript:alert(document.cookie)");
    await author.getByTestId("link-apply").click();
    expect(await author.getByTestId("link-error").textContent()).toBe(say.linkProtocol);
    expect(await url.getAttribute("aria-invalid")).toBe("true");
    // Escape closes the form and gives the caret back to the editor; nothing became a link.
    await author.keyboard.press("Escape");
    await author.getByTestId("link-popover").waitFor({ state: "detached" });
    expect(
      await author.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }
        ).document.activeElement.getAttribute("data-testid"),
      ),
    ).toBe("proposal-editor");
    await saved(author);
    expect(await storedBody()).toBe("<paragraph>Lihat jadwal</paragraph>");

    // Ctrl+K opens it again; an address without a scheme is taken as https.
    await author.keyboard.press("Control+k");
    await url.fill("pdam.makassar.go.id/jadwal");
    await author.keyboard.press("Enter");
    await author.getByTestId("link-popover").waitFor({ state: "detached" });
    const linked = '<p>Lihat <a href="https://pdam.makassar.go.id/jadwal">jadwal</a></p>';
    await waitForOutline(reader, linked);
    expect(await author.getByTestId("editor-link").getAttribute("aria-pressed")).toBe("true");
    await saved(author);
    // class and title are TipTap's link attributes left empty: Yjs writes a null attribute as "null".
    expect(await storedBody()).toBe(
      '<paragraph>Lihat <link class="null" href="https://pdam.makassar.go.id/jadwal" rel="noopener noreferrer nofollow" target="_blank" title="null">jadwal</link></paragraph>',
    );
  });

  it("offers the members on @ in the editor; the keyboard picks one and the mention is stored", async () => {
    const author = await editing("community", language);
    const reader = await editing("coordinator", language);
    await author.getByTestId("proposal-editor").click();
    await author.keyboard.type("Tanya @bu");
    const options = author.getByTestId("mention-listbox").getByRole("option");
    await eventually(async () => expect(await options.allTextContents()).toEqual(["@Budi Rahman", "@Budi Santoso"]));
    expect(await options.first().getAttribute("aria-selected")).toBe("true");
    await author.keyboard.press("ArrowDown");
    await eventually(async () => expect(await options.nth(1).getAttribute("aria-selected")).toBe("true"));
    const editor = author.getByTestId("proposal-editor");
    expect(await editor.getAttribute("aria-activedescendant")).toBe(await options.nth(1).getAttribute("id"));
    await author.keyboard.press("Enter");
    await author.getByTestId("mention-listbox").waitFor({ state: "detached" });
    await author.keyboard.type("soal Senin");

    const expected = `<p>Tanya <span data-id="${accounts.private.id}">@Budi Santoso</span> soal Senin</p>`;
    await waitForOutline(author, expected);
    await waitForOutline(reader, expected);
    await saved(author);
    expect(await storedBody()).toBe(
      `<paragraph>Tanya <mention id="${accounts.private.id}" label="Budi Santoso" mentionSuggestionChar="@"></mention> soal Senin</paragraph>`,
    );
    // Escape closes the list without choosing: the typed "@bu" stays text. (Not "@ci": the list never offers
    // the writer, Citra Lestari, herself.)
    await author.keyboard.type(" @bu");
    await options.first().waitFor();
    await author.keyboard.press("Escape");
    await author.getByTestId("mention-listbox").waitFor({ state: "detached" });
    await waitForOutline(
      reader,
      `<p>Tanya <span data-id="${accounts.private.id}">@Budi Santoso</span> soal Senin @bu</p>`,
    );
    await saved(author);
    expect(await storedBody()).toBe(
      `<paragraph>Tanya <mention id="${accounts.private.id}" label="Budi Santoso" mentionSuggestionChar="@"></mention> soal Senin @bu</paragraph>`,
    );
  });

  it("offers the members on @ in the chat; the sent message mentions the one picked", async () => {
    const { page: writer } = await signedIn("community", language, `/rooms/${roomId}`);
    const { page: reader } = await signedIn("coordinator", language, `/rooms/${roomId}`);
    // The chat is the room's discussion tab.
    await openSideTab(writer, "discussion");
    await openSideTab(reader, "discussion");
    const input = writer.getByTestId("chat-input");
    await input.click();
    await writer.keyboard.type("Mohon @Bu");
    const options = writer.getByTestId("mention-listbox").getByRole("option");
    await eventually(async () => expect(await options.allTextContents()).toEqual(["@Budi Rahman", "@Budi Santoso"]));
    expect(await input.getAttribute("aria-activedescendant")).toBe(await options.first().getAttribute("id"));
    await writer.keyboard.press("ArrowDown");
    await writer.keyboard.press("ArrowDown");
    // It wraps round: back on the first.
    await eventually(async () => expect(await options.first().getAttribute("aria-selected")).toBe("true"));
    await writer.keyboard.press("ArrowUp");
    await eventually(async () => expect(await options.nth(1).getAttribute("aria-selected")).toBe("true"));
    // Enter picks (it does not send while the list is open); the next Enter sends.
    await writer.keyboard.press("Enter");
    expect(await input.inputValue()).toBe("Mohon @Budi Santoso ");
    await writer.keyboard.type("cek meteran");
    await writer.keyboard.press("Enter");

    const body = "Mohon @Budi Santoso cek meteran";
    const message = reader.getByTestId("chat-message").filter({ hasText: "cek meteran" });
    await message.waitFor();
    expect(await message.getByTestId("message-body").textContent()).toBe(body);
    expect(await message.getByTestId("mention").allTextContents()).toEqual(["@Budi Santoso"]);
    const stored = await server.app.ctx.models.DiscussionMessage.findOne({ roomId: new Types.ObjectId(roomId) }).lean();
    expect(stored?.body).toBe(body);
    expect(stored?.mentions.map((id) => id.toHexString())).toEqual([accounts.private.id]);
  });
});
