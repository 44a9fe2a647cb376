// Runs opinion groupings in one worker thread, so a 2,000 × 200 grouping never holds up the event loop
// that serves sockets and HTTP. One worker for the app: on a small server a second grouping at the same
// time would only compete for the same cores; jobs are answered in the order they were sent. The worker
// is started on the first job (or by warm(), at boot) and kept, unreferenced while idle so it never keeps
// the process alive: starting one loads the TypeScript loader and the shared package, 1–3 s of CPU on
// this machine, more than a grouping.
import type { Sector, VoteMatrix } from "@mufakat/shared";
import { Worker } from "node:worker_threads";
import type { GroupingResult } from "./groupOpinions.ts";

export interface WorkerRequest {
  id: number;
  matrix: { participants: number; statements: number; cells: Int8Array };
  sectors: Sector[];
}

export type WorkerReply =
  | { id: number; ok: true; result: GroupingResult; computeMs: number }
  | { id: number; ok: false; message: string };

export interface GroupingRun {
  result: GroupingResult;
  /** Wall time of the grouping inside the worker (the thread does nothing else meanwhile). */
  computeMs: number;
  /** Time the worker's event loop was busy from sending the job to its answer (jobs queued before it included). */
  workerActiveMs: number;
}

interface PendingJob {
  resolve: (run: GroupingRun) => void;
  reject: (error: Error) => void;
  utilization: ReturnType<Worker["performance"]["eventLoopUtilization"]>;
}

const workerEntry = new URL("./opinionWorker.mjs", import.meta.url);

export class OpinionGrouper {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, PendingJob>();
  private nextId = 1;
  private closed = false;

  group(input: { matrix: VoteMatrix; sectors: readonly Sector[] }): Promise<GroupingRun> {
    if (this.closed) return Promise.reject(new Error("opinion grouper: closed"));
    const worker = this.startedWorker();
    const id = this.nextId++;
    // A copy the worker can take over (transferred, not cloned): the caller keeps its matrix.
    const cells = Int8Array.from(input.matrix.cells);
    const request: WorkerRequest = {
      id,
      matrix: { participants: input.matrix.participants, statements: input.matrix.statements, cells },
      sectors: [...input.sectors],
    };
    return new Promise<GroupingRun>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, utilization: worker.performance.eventLoopUtilization() });
      worker.ref();
      worker.postMessage(request, [cells.buffer]);
    });
  }

  /**
   * Starts the worker and has it load its code, answering once it has grouped an empty matrix. The server
   * calls it at boot, so the first room to ask for its groups does not wait for the worker to start.
   */
  async warm(): Promise<void> {
    await this.group({ matrix: { participants: 0, statements: 0, cells: [] }, sectors: [] });
  }

  /** Stops the worker; jobs still running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error("opinion grouper: closed before the grouping finished"));
    if (worker) await worker.terminate();
  }

  private startedWorker(): Worker {
    if (this.worker) return this.worker;
    // No inherited execArgv: the entry registers the TypeScript loader itself (opinionWorker.mjs).
    const worker = new Worker(workerEntry, { execArgv: [] });
    worker.unref();
    worker.on("message", (reply: WorkerReply) => this.answer(worker, reply));
    worker.on("error", (error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error(`opinion worker failed: ${error.message}`, { cause: error }));
    });
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error(`opinion worker exited with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, reply: WorkerReply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) worker.unref();
    if (!reply.ok) {
      job.reject(new Error(`opinion grouping failed: ${reply.message}`));
      return;
    }
    const { active } = worker.performance.eventLoopUtilization(job.utilization);
    job.resolve({ result: reply.result, computeMs: reply.computeMs, workerActiveMs: active });
  }

  private failAll(error: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }
}
