// A run that one caller at a time starts and every caller of the moment shares: each caller gets the
// result of a run that started after its call (so it sees everything the caller did before asking), at
// most one run goes at a time, and the callers that arrive while one goes share the next. The tally
// rounds of motions (voting.ts) and the result rounds of polls (polls.ts) are such runs: a burst of
// ballots costs two rounds, not one per ballot.
export class NextRun<T> {
  #running: Promise<T> | null = null;
  #waiting: Promise<T> | null = null;

  constructor(private readonly run: () => Promise<T>) {}

  /** The result of a run that starts after this call. */
  next(): Promise<T> {
    if (this.#waiting) return this.#waiting;
    const start = (): Promise<T> => {
      this.#waiting = null;
      const run = this.run();
      this.#running = run;
      const settle = () => {
        if (this.#running === run) this.#running = null;
      };
      run.then(settle, settle);
      return run;
    };
    if (!this.#running) return start();
    this.#waiting = this.#running.then(start, start);
    return this.#waiting;
  }
}
