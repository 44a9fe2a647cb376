// The socket protocol spoken by a client nobody here wrote: python-socketio with its standard msgpack
// serializer and pycrdt (Yrs) for the document, driven by tests/conformance/client.py from what
// docs/protocol.md says. It connects, joins, edits with pycrdt, reads the chat with a nil field, votes
// twice with one clientVoteId and disconnects; a JavaScript socket.io client in the same room sees its
// presence and receives and applies its edit, the store holds one vote, and the server sees a clean
// "client namespace disconnect" (not a parse error). Frames from the server carry no extension type.
import { execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../utils/eventually.ts";
import { storeSeedProposal } from "../utils/seedProposal.ts";
import { serverForSuite } from "../utils/server.ts";
import {
  ProposalEditor,
  connect,
  followPresence,
  okData,
  paragraphTextOf,
  request,
  roomWithMembers,
  socketsClosedAfterAll,
  storedState,
} from "../utils/socket.ts";
import { storedPositions } from "../utils/ballots.ts";

const server = serverForSuite({ motionSweepMs: 0 });
const sockets = socketsClosedAfterAll();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const clientScript = path.join(root, "tests/conformance/client.py");
let python = "";

beforeAll(async () => {
  // The pinned venv (made once, then reused from the cache).
  const { stdout } = await promisify(execFile)(
    "bash",
    [path.join(root, "scripts/python-venv.sh"), "conformance", path.join(root, "tests/conformance/requirements.txt")],
    { cwd: root, timeout: 600_000 },
  );
  python = path.join(stdout.trim(), "bin/python");
}, 600_000);

interface Step {
  name: string;
  [key: string]: unknown;
}

interface PythonReport {
  steps: Step[];
  extensionTypes: Array<{ code: number; data: string }>;
  presenceUpdates: Array<{ roomId: string; changed: Array<{ userId: string }>; left: string[] }>;
  proposalUpdatesReceived: number;
}

/** Runs client.py with its configuration on stdin (the token stays out of argv); its JSON report. */
function runPythonClient(config: Record<string, string>): Promise<{ code: number | null; report: PythonReport }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [clientScript], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      try {
        resolve({ code, report: JSON.parse(stdout) as PythonReport });
      } catch {
        reject(new Error(`client.py exited ${code} without a report; stderr:\n${stderr}\nstdout:\n${stdout}`));
      }
    });
    child.stdin.end(JSON.stringify(config));
  });
}

function stepOf(report: PythonReport, name: string): Step {
  const found = report.steps.find((step) => step.name === name);
  if (!found) throw new Error(`client.py did not reach "${name}"; its steps: ${JSON.stringify(report.steps)}`);
  return found;
}

describe("a python-socketio (msgpack) + pycrdt client", () => {
  it("connects, joins, edits, votes with a resend and disconnects cleanly, seen by a JavaScript client", async () => {
    const { roomId, members } = await roomWithMembers(server, [
      { sector: "government", role: "coordinator" },
      { sector: "community", role: "participant" },
    ]);
    const [coordinator, pythonUser] = members as [(typeof members)[0], (typeof members)[0]];
    const seeded = "Air bersih mengalir Senin sampai Jumat.";
    const appended = " Sabtu pagi juga, usul warga.";
    const editProposalId = await storeSeedProposal(server.app.ctx, {
      roomId,
      createdBy: coordinator.userId,
      title: "Jadwal air",
      text: seeded,
    });
    const motionProposalId = await storeSeedProposal(server.app.ctx, {
      roomId,
      createdBy: coordinator.userId,
      title: "Tarif air",
      text: "Tarif tetap tahun ini.",
    });
    const motion = await coordinator.api.post(`/api/rooms/${roomId}/motions`, { proposalId: motionProposalId });
    expect(motion.status).toBe(201);
    const motionId: string = motion.body.id;

    // How the server sees the Python client's socket end.
    const pythonDisconnects: string[] = [];
    server.app.realtime.io.on("connection", (socket) => {
      if (socket.data.userId !== pythonUser.userId) return;
      socket.on("disconnect", (reason) => pythonDisconnects.push(reason));
    });

    // A JavaScript client in the room, following presence and editing the same proposal.
    const js = await connect(server, coordinator.token);
    sockets.push(js);
    const joined = okData(await request(js, "room:join", { roomId }));
    const presence = followPresence(
      js,
      roomId,
      (list) => list.map(({ userId, viewing, connections }) => ({ userId, viewing, connections })),
      joined.presence,
    );
    const editor = new ProposalEditor(js, editProposalId);
    await editor.open();
    expect(editor.text()).toBe(seeded);

    const clientVoteId = `py-vote-${randomUUID()}`;
    const { code, report } = await runPythonClient({
      url: server.url,
      token: pythonUser.token,
      roomId,
      proposalId: editProposalId,
      motionId,
      clientVoteId,
      append: appended,
    });
    expect(report.steps.find((step) => step.name === "error")).toBeUndefined();
    expect(code).toBe(0);

    expect(stepOf(report, "connect")).toMatchObject({ connected: true, transport: "websocket" });
    const join = stepOf(report, "room:join");
    expect(join).toMatchObject({ ok: true, role: "participant" });
    expect((join.presence as string[]).sort()).toEqual([coordinator.userId, pythonUser.userId].sort());

    // Presence: the JavaScript client saw the Python user arrive, view the proposal and leave.
    expect(presence).toContainEqual(
      expect.arrayContaining([{ userId: pythonUser.userId, viewing: [editProposalId], connections: 1 }]),
    );
    await eventually(() =>
      expect(presence.at(-1)).toEqual([{ userId: coordinator.userId, viewing: [editProposalId], connections: 1 }]),
    );

    // Sync steps 1 and 2 gave pycrdt the seeded text; it lacked nothing the server had to be sent.
    expect(stepOf(report, "proposal:open")).toMatchObject({ ok: true, text: seeded, missingBytes: 2 });
    // The pycrdt edit: stored (a log id), applied by the JavaScript client, and in the store, exactly.
    const update = stepOf(report, "proposal:update");
    expect(update).toMatchObject({
      ok: true,
      data: { proposalId: editProposalId, clientUpdateId: "py-edit-1" },
      text: seeded + appended,
    });
    expect((update.data as { logId: string }).logId).toMatch(/^[0-9a-f]{24}$/);
    await eventually(() => expect(editor.text()).toBe(seeded + appended));
    expect(paragraphTextOf((await storedState(server.connection, editProposalId)).state)).toBe(seeded + appended);

    // `before: None` is a first page, not a validation error.
    expect(stepOf(report, "chat:history")).toMatchObject({ ok: true, error: null });

    // The vote and its resend: the same result, the second a replay; one vote stored, without a reason.
    expect(stepOf(report, "motion:vote")).toEqual({
      name: "motion:vote",
      ok: true,
      error: null,
      motionId,
      position: "support",
      replayed: false,
      votersCount: 1,
    });
    expect(stepOf(report, "motion:vote resend")).toEqual({
      name: "motion:vote resend",
      ok: true,
      error: null,
      motionId,
      position: "support",
      replayed: true,
      votersCount: 1,
    });
    const votes = await storedPositions(server.connection, motionId);
    expect(votes).toEqual([
      { voterKey: pythonUser.userId, position: "support", reason: null, clientVoteIds: [clientVoteId], ballots: 1 },
    ]);

    // Standard MessagePack: python's decoder met no extension type in any frame (the CONNECT reply included).
    expect(report.extensionTypes).toEqual([]);

    // A clean disconnect: the server read python-socketio's DISCONNECT (data: nil), not a parse error.
    expect(stepOf(report, "disconnect")).toMatchObject({ engineState: "disconnected" });
    await eventually(() => expect(pythonDisconnects).toEqual(["client namespace disconnect"]));
  });
});
