// The opinion worker thread: takes grouping jobs from the main thread one at a time, runs them
// synchronously (this thread has nothing else to do) and posts back the result or the error.
import { parentPort } from "node:worker_threads";
import { type GroupingInput, groupOpinions } from "./groupOpinions.ts";
import type { WorkerReply, WorkerRequest } from "./opinionGrouper.ts";

if (!parentPort) throw new Error("opinionWorkerThread.ts runs only as a worker thread");
const port = parentPort;

port.on("message", (request: WorkerRequest) => {
  const started = performance.now();
  let reply: WorkerReply;
  try {
    const input: GroupingInput = { matrix: request.matrix, sectors: request.sectors };
    reply = { id: request.id, ok: true, result: groupOpinions(input), computeMs: performance.now() - started };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
