// The worker thread's entry (plain JavaScript, so Node can start it without a TypeScript loader): it
// registers tsx's loader for this thread, then loads the TypeScript worker. The worker is started with no
// inherited execArgv, so tsx is registered here once, whether or not the main thread runs under tsx.
import { register } from "tsx/esm/api";

register();
await import("./opinionWorkerThread.ts");
