// The decision log checked from outside, by docs/decision-log.md: a real room's export, fetched over HTTP,
// verified by `pnpm verify-log` (the shared chain code, no server code) and by a verifier written in Python
// from the spec alone (tests/decision-log/verify_log.py: hashlib and json, its own RFC 8785). A
// one-character change in one record fails both, naming that record.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { type RoomExport, roomExportSchema } from "@mufakat/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../utils/accountability.ts";
import { testClock } from "../utils/clock.ts";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import { serverForSuite } from "../utils/server.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const pythonVerifier = join(repoRoot, "tests/decision-log/verify_log.py");
const vectors = join(repoRoot, "shared/src/decisionLog/rfc8785.vectors.json");
const clock = testClock(Date.parse("2026-09-07T04:00:00.000Z"));
const server = serverForSuite({ now: clock.now, motionSweepMs: 0 });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      // biome-ignore lint/style/noProcessEnv: the child runs as `pnpm` would from a shell, with its PATH
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const verifyLog = (target: string, env: Record<string, string> = {}, extra: string[] = []) =>
  run("pnpm", ["--silent", "verify-log", target, ...extra], env);
const verifyInPython = (file: string) => run("python3", [pythonVerifier, file]);

let folder: string;
let roomId: string;
let token: string;
let exportText: string;
let exported: RoomExport;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "mufakat-decision-log-"));
  const room = await roomOfSectors(server, 1);
  roomId = room.roomId;
  token = room.coordinator.client.accessToken ?? "";
  // Text that makes the canonical form work: non-ASCII, an emoji, quotes, a backslash, a tab and a newline.
  await decide(server, room, { title: 'Jadwal air — Kamis 💧 "pagi" \\ sore' });
  clock.advance(60_000);
  await decide(server, room, { title: "Tarif air\tbaru\n2026", position: "object" });
  clock.advance(60_000);
  const corrected = await room.coordinator.client.post(`/api/rooms/${roomId}/decisions/1/corrections`, {
    note: "Jam layanan dibaca 07.00–11.00 (bukan 07.00–10.00).",
  });
  expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);

  const response = await fetch(`${server.url}/api/rooms/${roomId}/exports/room.json`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  exportText = await response.text();
  exported = roomExportSchema.parse(JSON.parse(exportText));
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function saved(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

describe("a room's exported decision log", () => {
  it("serves every field its hash covers", () => {
    expect(exported.decisions.map((record) => Object.keys(record).sort())).toEqual(
      Array.from({ length: 3 }, () =>
        ["at", "corrects", "dedupeKey", "hash", "kind", "payload", "prevHash", "roomId", "seq"].sort(),
      ),
    );
    expect(exported.decisions.map((record) => [record.seq, record.roomId, record.kind, record.corrects])).toEqual([
      [1, roomId, "decision", null],
      [2, roomId, "decision", null],
      [3, roomId, "correction", 1],
    ]);
    expect(exported.decisions[0]?.prevHash).toBe("0".repeat(64));
    expect(exported.chain).toEqual({
      valid: true,
      checked: 3,
      firstBrokenSeq: null,
      problem: null,
      headHash: exported.decisions[2]?.hash,
      headSeq: 3,
    });
  });

  it("verifies with pnpm verify-log: every record reported, exit 0", async () => {
    const file = await saved("room.json", exportText);
    const result = await verifyLog(file);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const recordLines = result.stdout.split("\n").filter((line) => /^\s+#\d+\s/.test(line));
    expect(recordLines).toHaveLength(3);
    exported.decisions.forEach((record, index) => {
      expect(recordLines[index]).toMatch(new RegExp(`^\\s+#${record.seq}\\s.* ok\\s+${record.hash}$`));
    });
    expect(result.stdout).toContain(
      `OK: all 3 records are linked and unchanged. Head: record #3, ${exported.chain.headHash}`,
    );
  });

  it("verifies with the Python verifier written from the spec: exit 0, the same head", async () => {
    const file = await saved("room-python.json", exportText);
    const result = await verifyInPython(file);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").filter((line) => / ok [0-9a-f]{64}$/.test(line))).toHaveLength(3);
    expect(result.stdout).toContain(`OK: 3 records, head ${exported.chain.headHash}`);
  });

  it("fails both verifiers when one character of record 2 changes, naming record 2", async () => {
    const original = "Tarif air";
    // Only record 2 holds that text (its title and frozen text); the first occurrence is its title.
    expect(exported.decisions.map((record) => JSON.stringify(record).includes(original))).toEqual([false, true, false]);
    const tampered = exportText.replace(original, "Tarif aír");
    expect(tampered.length).toBe(exportText.length);
    expect([...tampered].filter((char, i) => char !== [...exportText][i])).toHaveLength(1);
    const file = await saved("tampered.json", tampered);

    const inNode = await verifyLog(file);
    expect(inNode.code).toBe(1);
    expect(inNode.stdout).toMatch(
      new RegExp(`\\n\\s+#2\\s.* BROKEN  its content was changed: it carries ${exported.decisions[1]?.hash}, `),
    );
    expect(inNode.stdout).toContain("BROKEN at record #2: its content was changed (hashMismatch).");
    expect(inNode.stdout).not.toMatch(/^\s+#3\s/m);

    const inPython = await verifyInPython(file);
    expect(inPython.code).toBe(1);
    expect(inPython.stdout).toMatch(/^#2 decision \S+ BROKEN: hash [0-9a-f]{64}, but the content hashes to/m);
    expect(inPython.stdout.trim().split("\n").at(-1)).toBe("BROKEN at record #2");
  });

  it("fails both verifiers when a record is removed, naming the missing one", async () => {
    const document = JSON.parse(exportText) as RoomExport;
    document.decisions.splice(1, 1);
    const file = await saved("removed.json", JSON.stringify(document));
    const inNode = await verifyLog(file);
    expect(inNode.code).toBe(1);
    expect(inNode.stdout).toContain("BROKEN at record #2: a record is missing or repeated (seqGap).");
    const inPython = await verifyInPython(file);
    expect(inPython.code).toBe(1);
    expect(inPython.stdout.trim().split("\n").at(-1)).toBe("BROKEN at record #2");
  });

  it("fetches the export and the API's list by URL with a bearer token, and says when it cannot", async () => {
    const exportUrl = `${server.url}/api/rooms/${roomId}/exports/room.json`;
    const fromExport = await verifyLog(exportUrl, { MUFAKAT_TOKEN: token });
    expect(fromExport.code, fromExport.stdout + fromExport.stderr).toBe(0);
    expect(fromExport.stdout).toContain(`Head: record #3, ${exported.chain.headHash}`);

    // The list is served newest first; the verifier orders it by seq.
    const fromList = await verifyLog(`${server.url}/api/rooms/${roomId}/decisions`, {}, ["--token", token]);
    expect(fromList.code, fromList.stdout + fromList.stderr).toBe(0);
    expect(fromList.stdout).toContain(`OK: all 3 records are linked and unchanged. Head: record #3`);

    const anonymous = await verifyLog(exportUrl);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toBe(`verify-log: ${exportUrl} answered 401 UNAUTHENTICATED\n`);
  });

  it("confirms a pinned head hash from a printed report, and refuses one no record carries", async () => {
    const file = await saved("pinned.json", exportText);
    const head = exported.decisions[1]?.hash ?? "";
    const pinned = await verifyLog(file, {}, ["--pin", head]);
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain(`PIN OK: ${head} is record #2's hash: records #1–#2 are as pinned.`);
    const unknown = await verifyLog(file, {}, ["--pin", "ab".repeat(32)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain(`PIN NOT FOUND: no record carries ${"ab".repeat(32)}`);
  });

  it("records a reason with a lone surrogate well-formed, so the log still verifies everywhere", async () => {
    const room = await roomOfSectors(server, 1);
    const proposalId = await seedProposal(server, room.roomId, room.coordinator.id, "Isi usulan");
    const opened = await room.coordinator.client.post(`/api/rooms/${room.roomId}/motions`, { proposalId });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    // A crafted body: JSON's \ud800 escape is a lone surrogate once parsed, which RFC 8785 cannot write.
    const vote = await room.coordinator.client.post(
      `/api/motions/${opened.body.id}/votes`,
      `{"position":"object","reason":"Belum \\ud800 siap","clientVoteId":"${randomUUID()}"}`,
    );
    expect(vote.status, JSON.stringify(vote.body)).toBe(200);
    expect((await room.coordinator.client.post(`/api/motions/${opened.body.id}/close`)).status).toBe(200);
    const response = await fetch(`${server.url}/api/rooms/${room.roomId}/exports/room.json`, {
      headers: { authorization: `Bearer ${room.coordinator.client.accessToken}` },
    });
    const text = await response.text();
    const document = roomExportSchema.parse(JSON.parse(text));
    expect(document.decisions).toHaveLength(1);
    expect(document.decisions[0]?.payload.positions).toEqual([
      expect.objectContaining({ position: "object", reason: "Belum \ufffd siap" }),
    ]);
    expect(document.chain).toMatchObject({ valid: true, checked: 1 });
    const file = await saved("surrogate.json", text);
    expect((await verifyLog(file)).code).toBe(0);
    expect((await verifyInPython(file)).code).toBe(0);
  });
});

describe("the Python verifier's canonical form", () => {
  it("writes RFC 8785's examples as the RFC does", async () => {
    const result = await run("python3", [pythonVerifier, "--vectors", vectors]);
    expect(result.stdout.trim()).toBe("31 passed, 0 failed");
    expect(result.code).toBe(0);
  });
});
