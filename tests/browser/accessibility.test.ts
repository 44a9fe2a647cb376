// WCAG 2.2 A/AA in every page and state, checked by axe-core in the real browser: the login and register
// pages, my rooms, the directory, creating a room, a room (overview, a proposal open with its comments,
// versions and the chat, a running motion with its tally, the close-early confirmation open, the decision
// log, commitments, resources, participation), the printable report, the review, an invite and a path the
// app does not know; in Indonesian and English, at 1,280 and 390 px. Each combination asserts no violation
// at all and no sector told by its colour alone (tests/utils/sectorShapes.ts), and writes its per-state
// counts to tests/artifacts/axe-<language>-<width>.json.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, registeredClient } from "../utils/api.ts";
import { type AxeViolation, axeViolations, describeViolations } from "../utils/axe.ts";
import {
  addSessionCookies,
  artifactsDir,
  builtClientDir,
  launchChromium,
  openCoordinatorTools,
  openSideTab,
} from "../utils/browser.ts";
import { seedProposal } from "../utils/deliberation.ts";
import { eventually } from "../utils/eventually.ts";
import { sectorColourWithoutShape } from "../utils/sectorShapes.ts";
import { serverForSuite } from "../utils/server.ts";
import { connect, okData, request } from "../utils/socket.ts";

const server = serverForSuite(() => ({ clientDir: builtClientDir() }));
let browser: Browser;

interface Account {
  email: string;
  password: string;
}
let coordinator: Account;
let invitee: Account;
let roomId = "";
/** A proposal with a comment and a saved version, no motion. */
let discussedId = "";
/** A proposal with a running motion, one objection and one support cast. */
let votingId = "";
let inviteToken = "";

beforeAll(async () => {
  browser = await launchChromium();
  const government = await registeredClient(server.url, "government", { organisation: "Dinas PU Kota Makassar" });
  const community = await registeredClient(server.url, "community", { organisation: "Forum Warga Tamalate" });
  const privateSector = await registeredClient(server.url, "private", { organisation: "PT Air Sejahtera" });
  const academia = await registeredClient(server.url, "academia", { organisation: "Universitas Hasanuddin" });
  coordinator = { email: government.input.email, password: government.input.password };
  invitee = { email: academia.input.email, password: academia.input.password };

  const room = await government.client.post("/api/rooms", {
    title: "Air bersih Tamalate",
    purpose: "Menyepakati jadwal distribusi air bersih.",
    visibility: "open",
  });
  expect(room.status).toBe(201);
  roomId = room.body.id;
  for (const joiner of [community, privateSector]) {
    expect((await joiner.client.post(`/api/rooms/${roomId}/join`)).status).toBe(201);
  }

  // A decision in the log, with a commitment and a pledge on it.
  const decidedId = await seedProposal(server, roomId, government.session.user.id, "Tarif air rumah ibadah gratis.");
  const decided = await government.client.post(`/api/rooms/${roomId}/motions`, {
    proposalId: decidedId,
    durationMinutes: 60,
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(201);
  for (const voter of [government, community, privateSector]) {
    const vote = await voter.client.post(`/api/motions/${decided.body.id}/votes`, {
      position: "support",
      clientVoteId: randomUUID(),
    });
    expect(vote.status, JSON.stringify(vote.body)).toBe(200);
  }
  await eventually(async () => {
    expect((await government.client.get(`/api/motions/${decided.body.id}`)).body.status).toBe("closed");
  });
  const commitment = await government.client.post(`/api/rooms/${roomId}/commitments`, {
    decisionSeq: 1,
    what: "Memasang jadwal di kantor kelurahan",
    ownerOrganisation: "Dinas PU",
    dueDate: new Date(Date.now() + 14 * 24 * 60 * 60 * 1000).toISOString(),
  });
  expect(commitment.status, JSON.stringify(commitment.body)).toBe(201);
  const pledge = await privateSector.client.post(`/api/rooms/${roomId}/pledges`, {
    decisionSeq: 1,
    kind: "funds",
    quantity: 750_000,
    unit: "IDR",
  });
  expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);

  // A running motion with a tally.
  votingId = await seedProposal(server, roomId, government.session.user.id, "Distribusi air: Senin dan Kamis.");
  const running = await government.client.post(`/api/rooms/${roomId}/motions`, {
    proposalId: votingId,
    durationMinutes: 60,
  });
  expect(running.status, JSON.stringify(running.body)).toBe(201);
  for (const [voter, position, reason] of [
    [community, "object", "Kamis bentrok dengan jadwal pasar"],
    [privateSector, "support", undefined],
  ] as const) {
    const vote = await voter.client.post(`/api/motions/${running.body.id}/votes`, {
      position,
      clientVoteId: randomUUID(),
      ...(reason ? { reason } : {}),
    });
    expect(vote.status, JSON.stringify(vote.body)).toBe(200);
  }

  // A proposal under discussion: a comment, a saved version, and a chat message in the room.
  discussedId = await seedProposal(server, roomId, government.session.user.id, "Jadwal distribusi air bersih.");
  const socket = await connect(server, community.session.accessToken);
  okData(await request(socket, "room:join", { roomId }));
  okData(await request(socket, "chat:send", { roomId, body: "Rapat berikutnya hari Rabu." }));
  okData(
    await request(socket, "comment:post", {
      proposalId: discussedId,
      body: "Jam 06.00 terlalu pagi.",
      parentId: null,
      anchor: null,
    }),
  );
  socket.close();
  const coordinatorSocket = await connect(server, government.session.accessToken);
  okData(await request(coordinatorSocket, "room:join", { roomId }));
  okData(await request(coordinatorSocket, "version:save", { proposalId: discussedId, name: "Draf pertama" }));
  coordinatorSocket.close();

  const invite = await government.client.post(`/api/rooms/${roomId}/invites`, {});
  expect(invite.status, JSON.stringify(invite.body)).toBe(201);
  inviteToken = invite.body.token;
});

afterAll(async () => {
  await browser?.close();
});

/** A browser context in `language` at `width`, signed in as `account` (a fresh REST login) or anonymous. */
async function contextFor(language: string, width: number, account: Account | null): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width, height: 900 } });
  await context.addInitScript({ content: `localStorage.setItem("mufakat.locale", ${JSON.stringify(language)});` });
  if (account) {
    const client = new ApiClient(server.url);
    const login = await client.call("login", { body: account });
    expect(login.status).toBe(200);
    await addSessionCookies(context, server.url, String(client.refreshCookie));
  }
  return context;
}

interface PageState {
  name: string;
  /** Brings the page to the state; resolves once it is shown. */
  open(page: Page): Promise<void>;
  /** Leaves the state (closes a dialog), when it needs leaving. */
  close?(page: Page): Promise<void>;
}

/** A page opened at `path`, shown once the element `testId` is. */
function shownAt(name: string, path: string, testId: string): PageState {
  return {
    name,
    open: async (page) => {
      await page.goto(path);
      await page.getByTestId(testId).waitFor();
    },
  };
}

const anonymousStates: PageState[] = [
  shownAt("login", "/login", "login-form"),
  shownAt("register", "/register", "register-email"),
];

const coordinatorStates = (): PageState[] => [
  shownAt("my rooms", "/rooms", "my-rooms"),
  {
    name: "directory",
    open: async (page) => {
      await page.goto("/rooms/open");
      await page.getByTestId("room-directory").getByTestId("room-card").first().waitFor();
    },
  },
  shownAt("create room", "/rooms/new", "create-room-form"),
  {
    name: "room",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}`);
      await page.getByTestId("no-proposal-open").waitFor();
      await page.getByTestId("chat-message").first().waitFor();
    },
  },
  {
    name: "coordinator tools",
    open: async (page) => {
      await openCoordinatorTools(page);
      await page.getByTestId("create-invite").waitFor();
    },
    close: async (page) => {
      await page.keyboard.press("Escape");
      await page.getByTestId("coordinator-tools").waitFor({ state: "detached" });
    },
  },
  {
    name: "proposal, comments, chat",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}/proposals/${discussedId}`);
      await page.getByTestId("proposal-editor").waitFor();
      await page.getByTestId("comment").first().waitFor();
      await page.getByTestId("chat-message").first().waitFor();
    },
  },
  {
    name: "proposal, versions",
    open: async (page) => {
      await openSideTab(page, "versions");
      await page.getByTestId("version-item").first().waitFor();
    },
  },
  {
    name: "proposal, people",
    open: async (page) => {
      await openSideTab(page, "people");
      await page.getByTestId("member").first().waitFor();
    },
  },
  {
    name: "proposal, no motion",
    open: async (page) => {
      await openSideTab(page, "motion");
      await page.getByTestId("motion-none").waitFor();
    },
  },
  {
    name: "motion and tally",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}/proposals/${votingId}`);
      await openSideTab(page, "motion");
      await page.getByTestId("running-motion").waitFor();
      await page.getByTestId("tally").waitFor();
    },
  },
  {
    name: "close-early dialog",
    open: async (page) => {
      await page.getByTestId("motion-close").click();
      await page.getByTestId("confirm-dialog").waitFor();
    },
    close: async (page) => {
      await page.getByTestId("confirm-dialog-cancel").click();
      await page.getByTestId("confirm-dialog").waitFor({ state: "detached" });
    },
  },
  {
    name: "decision log",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}?tab=decisions`);
      await page.getByTestId("decisions-tab").getByTestId("decision-record").first().waitFor();
    },
  },
  {
    name: "commitments",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}?tab=commitments`);
      await page.getByTestId("commitments-tab").getByTestId("commitment").first().waitFor();
    },
  },
  {
    name: "resources",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}?tab=resources`);
      await page.getByTestId("resources-tab").locator("table").first().waitFor();
    },
  },
  {
    name: "participation",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}?tab=participation`);
      await page.getByTestId("participation-tab").locator("table").first().waitFor();
    },
  },
  {
    name: "report",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}/report`);
      await page.getByTestId("report-decision").first().waitFor();
    },
  },
  {
    name: "review",
    open: async (page) => {
      await page.goto("/review");
      await page.getByTestId("review-filters").waitFor();
      await page.getByTestId("review-submit").click();
      await page.getByTestId("review-result").first().waitFor();
      await page.getByTestId("review-open").first().click();
      await page.getByTestId("review-detail").waitFor();
    },
  },
  shownAt("not found", "/no-such-page", "not-found"),
];

const inviteeStates = (): PageState[] => [
  shownAt("invite", `/invite/${inviteToken}`, "invite-preview"),
  {
    name: "room preview",
    open: async (page) => {
      await page.goto(`/rooms/${roomId}`);
      await page.getByTestId("room-preview").getByTestId("preview-join").waitFor();
    },
  },
];

interface Audit {
  /** The violations axe finds in each state. */
  found: Record<string, AxeViolation[]>;
  titles: Record<string, string>;
  /** The elements of each state that tell a sector by its colour alone. */
  colourOnly: Record<string, string[]>;
}

/** Every state as one account sees it, audited. */
async function auditStates(context: BrowserContext, states: PageState[], audit: Audit): Promise<void> {
  const page = await context.newPage();
  for (const state of states) {
    await state.open(page);
    audit.found[state.name] = await axeViolations(page);
    audit.titles[state.name] = await page.title();
    audit.colourOnly[state.name] = await sectorColourWithoutShape(page);
    await state.close?.(page);
  }
}

const room = "Air bersih Tamalate";
/** Each page's own title, in each language (the dialog keeps its page's). */
const expectedTitles = {
  id: {
    login: "Masuk",
    register: "Daftar akun",
    "my rooms": "Ruang musyawarah saya",
    directory: "Direktori ruang musyawarah terbuka",
    "create room": "Buat ruang musyawarah",
    room,
    "coordinator tools": room,
    "proposal, comments, chat": room,
    "proposal, versions": room,
    "proposal, people": room,
    "proposal, no motion": room,
    "motion and tally": room,
    "close-early dialog": room,
    "decision log": `${room} · Catatan keputusan`,
    commitments: `${room} · Komitmen`,
    resources: `${room} · Sumber daya`,
    participation: `${room} · Partisipasi`,
    report: `${room} · Laporan`,
    review: "Tinjauan catatan keputusan",
    "not found": "Halaman tidak ditemukan",
    invite: `${room} · Undangan ke ruang musyawarah`,
    "room preview": `${room} · Ruang musyawarah`,
  },
  en: {
    login: "Log in",
    register: "Create an account",
    "my rooms": "My deliberation rooms",
    directory: "Directory of open deliberation rooms",
    "create room": "Create a deliberation room",
    room,
    "coordinator tools": room,
    "proposal, comments, chat": room,
    "proposal, versions": room,
    "proposal, people": room,
    "proposal, no motion": room,
    "motion and tally": room,
    "close-early dialog": room,
    "decision log": `${room} · Decision log`,
    commitments: `${room} · Commitments`,
    resources: `${room} · Resources`,
    participation: `${room} · Participation`,
    report: `${room} · Report`,
    review: "Review of decision logs",
    "not found": "Page not found",
    invite: `${room} · Invitation to a deliberation room`,
    "room preview": `${room} · Deliberation room`,
  },
} as const;

describe.each([
  ["id", 1280],
  ["id", 390],
  ["en", 1280],
  ["en", 390],
] as const)("every page and state in %s at %i px", (language, width) => {
  it("has no WCAG 2.2 A/AA violation, no sector told by colour alone, and each page its own title", async () => {
    const audit: Audit = { found: {}, titles: {}, colourOnly: {} };
    const { found, titles, colourOnly } = audit;
    for (const [account, states] of [
      [null, anonymousStates],
      [coordinator, coordinatorStates()],
      [invitee, inviteeStates()],
    ] as const) {
      const context = await contextFor(language, width, account);
      try {
        await auditStates(context, states, audit);
      } finally {
        await context.close();
      }
    }
    const counts = Object.fromEntries(
      Object.entries(found).map(([state, violations]) => [
        state,
        violations.reduce((sum, violation) => sum + violation.nodes.length, 0),
      ]),
    );
    await fs.mkdir(artifactsDir, { recursive: true });
    await fs.writeFile(
      path.join(artifactsDir, `axe-${language}-${width}.json`),
      `${JSON.stringify({ counts, titles, found, colourOnly }, null, 2)}\n`,
    );
    expect(titles).toEqual(
      Object.fromEntries(
        Object.entries(expectedTitles[language]).map(([state, title]) => [state, `${title} · Mufakat`]),
      ),
    );
    const report = Object.entries(found)
      .filter(([, violations]) => violations.length > 0)
      .map(([state, violations]) => `${state}:\n${describeViolations(violations)}`)
      .join("\n");
    expect(report, report).toBe("");
    expect(Object.fromEntries(Object.entries(colourOnly).filter(([, lines]) => lines.length > 0))).toEqual({});
  });
});
