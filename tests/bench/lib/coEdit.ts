// The load generator shared by every co-editing workload and every server: editors type one character at
// their cursor every `intervalMs` (viewers only watch); each edit's latency is measured from send to receipt
// at every other client of the document, matched by its Yjs id (client, clock) read with Y.parseUpdateMeta.
// At the end every replica is checked: each client received exactly every other editor's edits once (no gap, no
// duplicate), a late-joining client's full sync holds every edit, and sampled replicas rebuilt from what
// they received read the same text as the late joiner. A run that fails any check is a failed run.
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import { proposalBodyFragment } from "@mufakat/shared";
import { Histogram, type LatencySummary, round } from "./histogram.ts";
import type { Peer } from "./transports.ts";

export interface CoEditDocument {
  /**
   * A client of this document: index 0..editors-1 are editors, editors..editors+viewers-1 viewers (they
   * open the document and receive every edit but never type), editors+viewers is the late joiner.
   */
  makePeer(index: number): Peer;
  editors: number;
  /** Clients that only watch (default 0); each edit's latency is also measured at every viewer. */
  viewers?: number;
}

export interface CoEditParams {
  intervalMs: number;
  durationMs: number;
  /** How many editors per document keep what they receive, to rebuild their replica at the end. */
  sampledReplicas: number;
  /** Simultaneous connection attempts while clients connect. */
  connectConcurrency: number;
  /** How long to wait for the last edits to arrive everywhere. */
  drainMs: number;
  /** Leave the clients connected at the end (the caller closes them): a workload that goes on with them. */
  keepPeersOpen?: boolean;
}

export interface CoEditOutcome {
  latency: LatencySummary;
  ack: LatencySummary | null;
  editsSent: number;
  deliveries: number;
  expectedDeliveries: number;
  sendErrors: number;
  /** Deliveries that overtook an earlier edit of the same sender (not a divergence: Yjs waits for the gap). */
  outOfOrder: number;
  /** Event-loop delay of the generator process during the run: when high, the generator was the limit. */
  generatorEventLoop: { p99Ms: number; maxMs: number };
  verified: boolean;
  failures: string[];
  connectSeconds: number;
  runSeconds: number;
}

const remote = Symbol("remote");

class Editor {
  readonly doc = new Y.Doc();
  text!: Y.XmlText;
  cursor = 0;
  readonly sendTimes: number[] = [];
  /** Per sender client id: the next clock expected from it. */
  readonly next = new Map<number, number>();
  received = 0;
  /** Edits received before an earlier edit of the same sender (Yjs holds them until the gap fills). */
  outOfOrder = 0;
  /** Edits received twice, or that were never sent: a failed run. */
  anomalies = 0;
  /** Per sender: which clocks arrived, to tell a late edit from a duplicate. */
  readonly seen = new Map<number, Uint8Array>();
  receivedUpdates: Uint8Array[] | null = null;
  initialState: Uint8Array | null = null;
  timer: NodeJS.Timeout | null = null;

  constructor(
    readonly index: number,
    readonly peer: Peer,
    readonly documentIndex: number,
    readonly types: boolean,
  ) {}

  get clientId(): number {
    return this.doc.clientID;
  }
}

export async function runCoEdit(
  documents: CoEditDocument[],
  params: CoEditParams,
  hooks: { beforeRun?: () => Promise<void>; afterRun?: () => Promise<void> } = {},
): Promise<CoEditOutcome> {
  const failures: string[] = [];
  const latency = new Histogram();
  const ack = new Histogram();
  let sendErrors = 0;
  let acknowledged = false;
  const editorsByClient = new Map<number, Editor>();
  const editorsByDocument: Editor[][] = documents.map(() => []);

  const connectStarted = performance.now();
  const specs = documents.flatMap((document, documentIndex) =>
    Array.from({ length: document.editors + (document.viewers ?? 0) }, (_, index) => ({
      document,
      documentIndex,
      index,
    })),
  );
  for (let i = 0; i < specs.length; i += params.connectConcurrency) {
    await Promise.all(
      specs.slice(i, i + params.connectConcurrency).map(async ({ document, documentIndex, index }) => {
        const editor = new Editor(index, document.makePeer(index), documentIndex, index < document.editors);
        if (index < params.sampledReplicas) editor.receivedUpdates = [];
        editor.peer.onUpdate = (update) => receive(editor, update);
        const step2 = await editor.peer.open(Y.encodeStateVector(editor.doc), (vector) =>
          Y.encodeStateAsUpdate(editor.doc, vector),
        );
        Y.applyUpdate(editor.doc, step2, remote);
        editor.initialState = Y.encodeStateAsUpdate(editor.doc);
        const paragraph = editor.doc.getXmlFragment(proposalBodyFragment).get(0);
        const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
        if (!(text instanceof Y.XmlText)) throw new Error("the document has no paragraph to type into");
        editor.text = text;
        editor.cursor = Math.floor(Math.random() * (text.length + 1));
        editor.doc.on("update", (update: Uint8Array, origin: unknown) => {
          if (origin === remote) return;
          const sentAt = performance.now();
          editor.sendTimes.push(sentAt);
          if (editor.peer.acknowledges === "none") {
            editor.peer.send(update).catch(() => {
              sendErrors += 1;
            });
            return;
          }
          acknowledged = true;
          editor.peer.send(update).then(
            () => ack.record(performance.now() - sentAt),
            () => {
              sendErrors += 1;
            },
          );
        });
        editorsByClient.set(editor.clientId, editor);
        editorsByDocument[documentIndex]?.push(editor);
      }),
    );
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;

  function receive(editor: Editor, update: Uint8Array): void {
    const now = performance.now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, start] of from) {
      const end = to.get(client) ?? start;
      const sender = editorsByClient.get(client);
      if (!sender || client === editor.clientId) continue;
      const expected = editor.next.get(client) ?? 0;
      if (start > expected) editor.outOfOrder += 1;
      editor.next.set(client, Math.max(expected, end));
      let seen = editor.seen.get(client);
      if (!seen || seen.length < end) {
        const grown = new Uint8Array(Math.max(end, (seen?.length ?? 0) * 2, 64));
        if (seen) grown.set(seen);
        seen = grown;
        editor.seen.set(client, seen);
      }
      for (let clock = start; clock < end; clock++) {
        const sentAt = sender.sendTimes[clock];
        if (sentAt === undefined || seen[clock]) {
          editor.anomalies += 1;
          continue;
        }
        seen[clock] = 1;
        latency.record(now - sentAt);
        editor.received += 1;
      }
    }
    editor.receivedUpdates?.push(update);
  }

  await hooks.beforeRun?.();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const runStarted = performance.now();
  const editsPerEditor = Math.floor(params.durationMs / params.intervalMs);
  const all = editorsByDocument.flat();
  const typists = all.filter((editor) => editor.types);
  await new Promise<void>((resolve) => {
    let finished = 0;
    if (typists.length === 0) resolve();
    for (const [position, editor] of typists.entries()) {
      let made = 0;
      const typeOne = () => {
        if (made >= editsPerEditor) {
          if (editor.timer) clearInterval(editor.timer);
          editor.timer = null;
          finished += 1;
          if (finished === typists.length) resolve();
          return;
        }
        made += 1;
        const character = String.fromCharCode(97 + ((editor.index + made) % 26));
        editor.text.insert(Math.min(editor.cursor, editor.text.length), character);
        editor.cursor += 1;
      };
      // Staggered: the editors' keystrokes spread over the interval instead of landing together.
      const offset = (position / typists.length) * params.intervalMs;
      setTimeout(() => {
        typeOne();
        editor.timer = setInterval(typeOne, params.intervalMs);
      }, offset);
    }
  });

  const expectedFor = (editor: Editor) =>
    (editorsByDocument[editor.documentIndex] ?? []).reduce(
      (sum, other) => sum + (other === editor ? 0 : other.sendTimes.length),
      0,
    );
  const drainDeadline = performance.now() + params.drainMs;
  while (performance.now() < drainDeadline && all.some((editor) => editor.received < expectedFor(editor))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const runSeconds = (performance.now() - runStarted) / 1000;
  loop.disable();
  await hooks.afterRun?.();

  const editsSent = all.reduce((sum, editor) => sum + editor.sendTimes.length, 0);
  const deliveries = all.reduce((sum, editor) => sum + editor.received, 0);
  const expectedDeliveries = all.reduce((sum, editor) => sum + expectedFor(editor), 0);
  if (deliveries !== expectedDeliveries) {
    const generatorP99 = loop.percentile(99) / 1e6;
    failures.push(
      `${expectedDeliveries - deliveries} of ${expectedDeliveries} deliveries missing after the drain` +
        (generatorP99 > 200
          ? ` (the load generator itself was saturated: event-loop p99 ${Math.round(generatorP99)} ms)`
          : ""),
    );
  }
  const anomalies = all.reduce((sum, editor) => sum + editor.anomalies, 0);
  if (anomalies > 0) failures.push(`${anomalies} duplicate or unknown deliveries`);
  const outOfOrder = all.reduce((sum, editor) => sum + editor.outOfOrder, 0);
  if (sendErrors > 0) failures.push(`${sendErrors} edits refused or not acknowledged`);

  // The late joiner of each document, then the sampled replicas rebuilt from what they received.
  for (const [documentIndex, document] of documents.entries()) {
    const editors = editorsByDocument[documentIndex] ?? [];
    const late = document.makePeer(document.editors + (document.viewers ?? 0));
    const lateDoc = new Y.Doc();
    try {
      Y.applyUpdate(lateDoc, await late.open(Y.encodeStateVector(lateDoc), () => new Uint8Array([0, 0])));
    } catch (error) {
      failures.push(`document ${documentIndex}: late joiner could not sync: ${(error as Error).message}`);
      continue;
    } finally {
      late.close();
    }
    for (const editor of editors) {
      const held = Y.getState(lateDoc.store, editor.clientId);
      if (held !== editor.sendTimes.length) {
        failures.push(
          `document ${documentIndex}: server holds ${held} of editor ${editor.index}'s ${editor.sendTimes.length} edits`,
        );
      }
    }
    const lateText = lateDoc.getXmlFragment(proposalBodyFragment).toString();
    for (const editor of editors) {
      if (!editor.receivedUpdates || !editor.initialState) continue;
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(editor.doc));
      Y.transact(replica, () => {
        for (const update of editor.receivedUpdates ?? []) Y.applyUpdate(replica, update);
      });
      if (replica.getXmlFragment(proposalBodyFragment).toString() !== lateText) {
        failures.push(`document ${documentIndex}: editor ${editor.index}'s replica differs from the server's`);
      }
      replica.destroy();
    }
    lateDoc.destroy();
  }
  for (const editor of all) {
    if (editor.timer) clearInterval(editor.timer);
    if (params.keepPeersOpen) editor.peer.onUpdate = () => undefined;
    else editor.peer.close();
    editor.doc.destroy();
  }
  return {
    latency: latency.summary(),
    ack: acknowledged ? ack.summary() : null,
    editsSent,
    deliveries,
    expectedDeliveries,
    sendErrors,
    outOfOrder,
    generatorEventLoop: { p99Ms: round(loop.percentile(99) / 1e6), maxMs: round(loop.max / 1e6) },
    verified: failures.length === 0,
    failures: failures.slice(0, 10),
    connectSeconds: round(connectSeconds, 2),
    runSeconds: round(runSeconds, 2),
  };
}
