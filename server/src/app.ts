// createApp(deps) builds the whole server from its dependencies, so tests start the real thing on port 0.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import compression from "compression";
import cookieParser from "cookie-parser";
import cors from "cors";
import express from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Connection } from "mongoose";
import pino, { type Logger } from "pino";
import { pinoHttp } from "pino-http";
import { type OperationContract, limits } from "@mufakat/shared";
import type { AppContext } from "./context.ts";
import { type RoomStateOptions, RoomStates } from "./commands/roomStates.ts";
import { type Polling, createPolling } from "./commands/polls.ts";
import { type Voting, createVoting } from "./commands/voting.ts";
import { appError } from "./errors.ts";
import { singleProcessLocks, redisLocks } from "./locks.ts";
import { DomainEventBus } from "./events/domainEvents.ts";
import { notFound, renderError } from "./http/errorHandler.ts";
import { buildOpenApiDocument } from "./http/openapi.ts";
import { accountabilityOperations } from "./http/operations/accountability.ts";
import { pollOperations } from "./http/operations/polls.ts";
import { authOperations } from "./http/operations/auth.ts";
import { decisionOperations } from "./http/operations/decisions.ts";
import { delegationOperations } from "./http/operations/delegations.ts";
import { discussionOperations } from "./http/operations/discussion.ts";
import { joinRequestOperations } from "./http/operations/joinRequests.ts";
import { roomOperations } from "./http/operations/rooms.ts";
import { opinionOperations } from "./http/operations/opinions.ts";
import { type Opinions, createOpinions } from "./commands/opinions.ts";
import { buildRouter } from "./http/router.ts";
import type { CookieSecurity } from "./http/session.ts";
import { logSerializers, redactingLogger } from "./logging.ts";
import { createModels, ensureIndexes } from "./models/index.ts";
import type { CollaborationOptions } from "./collaboration/documentHub.ts";
import { type Realtime, type RealtimeOptions, createRealtime } from "./realtime/server.ts";

export const apiVersion = "0.1.0";

export interface AppDeps {
  connection: Connection;
  jwtSecret: string;
  /** Any pino logger; createApp lays the app's redaction over it (server/src/logging.ts). */
  logger?: Logger;
  /** Origins allowed to call the API from a browser; same-origin needs no entry. */
  corsOrigins?: string[];
  cookieSecurity?: CookieSecurity;
  /** Folder of the built client to serve, or null to serve the API only. */
  clientDir?: string | null;
  now?: () => Date;
  authRateLimit?: { limit: number; windowMs: number };
  /** With a Redis URL, rooms span several processes (socket.io Redis adapter). */
  redisUrl?: string | undefined;
  /** Tuning of live documents (compaction threshold, idle unload) and test seams. */
  collaboration?: CollaborationOptions;
  /** Tuning of the socket layer (discussion write rate). */
  realtime?: RealtimeOptions;
  /** How long a room's cached state outlives its last socket here, and how often that is checked. */
  roomState?: RoomStateOptions;
  /** How often motions past their deadline are closed; 0 turns the sweep off (tests call it directly). */
  motionSweepMs?: number;
}

export interface MufakatApp {
  ctx: AppContext;
  express: express.Express;
  httpServer: http.Server;
  /** The contract entries of the routed operations (what /api answers and the OpenAPI document says). */
  operations: OperationContract[];
  /** socket.io server and live documents (server/src/realtime, server/src/collaboration). */
  realtime: Realtime;
  /** Casting votes, tally rounds and the deadline sweep (server/src/commands/voting.ts). */
  motions: Voting;
  /** Polls: ballots, results and closes (the sweep above closes them at their deadline too). */
  polls: Polling;
  /** Rooms' settings and memberships in memory (server/src/commands/roomStates.ts). */
  roomStates: RoomStates;
  /** Opinion statements, votes and groups, with the worker thread that groups (server/src/commands/opinions.ts). */
  opinions: Opinions;
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<MufakatApp> {
  const logger = redactingLogger(deps.logger ?? pino({ level: "silent" }));
  const models = createModels(deps.connection);
  await ensureIndexes(models);
  const ctx: AppContext = {
    models,
    jwtSecret: deps.jwtSecret,
    now: deps.now ?? (() => new Date()),
    logger,
    events: new DomainEventBus(logger),
    // With several processes on one database, a motion is closed by the one that takes its close lock.
    locks: deps.redisUrl ? await redisLocks(deps.redisUrl, logger) : singleProcessLocks,
  };
  const cookieSecurity = deps.cookieSecurity ?? "auto";

  // Before anything else subscribes to the domain events: listeners of a membership change read it changed.
  const roomStates = new RoomStates(ctx, deps.roomState);
  const motions = createVoting(ctx);
  const polls = createPolling(ctx);
  const opinions = createOpinions(ctx);
  const operations = [
    ...authOperations(ctx, cookieSecurity),
    ...roomOperations(ctx),
    ...joinRequestOperations(ctx),
    ...discussionOperations(ctx),
    ...decisionOperations(ctx, motions),
    ...accountabilityOperations(ctx),
    ...pollOperations(ctx, polls),
    ...delegationOperations(ctx),
    ...opinionOperations(opinions),
  ];
  const routedContracts = operations.map((operation) => operation.contract);
  const openApiDocument = buildOpenApiDocument(routedContracts, apiVersion);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(
    pinoHttp({
      logger,
      // Ours take the raw request, response and error (pino-http would hand them its own serialization).
      serializers: logSerializers,
      wrapSerializers: false,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    }),
  );
  // Without upgrade-insecure-requests: over plain HTTP on a LAN address it makes browsers fetch the
  // app's own scripts over https, and the page stays blank. TLS deployments set HSTS at their proxy.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(
    cors({
      origin: (origin, callback) => callback(null, !origin || (deps.corsOrigins ?? []).includes(origin)),
      credentials: true,
    }),
  );

  // Gzip or brotli, as the browser asks, for every answer over 1 KB: the API's JSON and the client's
  // files alike (a precompressed build would cover only the latter). socket.io's own engine handles its
  // transports before Express sees them.
  app.use(compression());

  const pingDatabase = databasePinger(deps.connection);
  app.get("/healthz", async (_req, res) => {
    const up = await pingDatabase();
    res.status(up ? 200 : 503).json({ status: up ? "ok" : "unavailable", db: up ? "up" : "down" });
  });

  const authRateLimit = rateLimit({
    windowMs: deps.authRateLimit?.windowMs ?? limits.authWindowMs,
    limit: deps.authRateLimit?.limit ?? limits.authAttemptsPerWindow,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, _res, next) => next(appError("RATE_LIMITED", "too many attempts; wait a minute and try again")),
  });

  const api = express.Router();
  api.use(express.json({ limit: limits.jsonBodyBytes, strict: true }));
  api.use(cookieParser());
  api.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument);
  });
  api.use(buildRouter(ctx, operations, authRateLimit));
  api.use(notFound);
  app.use("/api", api);

  if (deps.clientDir && existsSync(path.join(deps.clientDir, "index.html"))) {
    app.use(clientRoutes(deps.clientDir));
  }
  app.use(renderError);

  const httpServer = http.createServer(app);
  const realtime = await createRealtime(ctx, httpServer, {
    redisUrl: deps.redisUrl,
    corsOrigins: deps.corsOrigins ?? [],
    ...(deps.collaboration ? { collaboration: deps.collaboration } : {}),
    ...(deps.realtime ? { realtime: deps.realtime } : {}),
    voting: motions,
    polling: polls,
    roomStates,
  });
  const sweepMs = deps.motionSweepMs ?? 1000;
  const motionSweep =
    sweepMs > 0
      ? setInterval(() => {
          motions.sweep().catch((error: unknown) => logger.warn({ err: error }, "motion deadline sweep failed"));
          polls.sweep().catch((error: unknown) => logger.warn({ err: error }, "poll deadline sweep failed"));
        }, sweepMs)
      : null;
  motionSweep?.unref();

  return {
    ctx,
    express: app,
    httpServer,
    operations: routedContracts,
    realtime,
    motions,
    polls,
    roomStates,
    opinions,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
          resolve({ port: address.port, url: `http://${shownHost}:${address.port}` });
        });
      }),
    close: async () => {
      if (motionSweep) clearInterval(motionSweep);
      httpServer.closeAllConnections();
      // Closes the HTTP server too: socket.io's close() ends its sockets, then the server.
      await realtime.close();
      // Ballots already in a group are stored (and their voters answered) before the database goes.
      await motions.idle();
      await polls.idle();
      roomStates.close();
      await ctx.locks.close();
      await opinions.close();
    },
  };
}

/**
 * The built client: files under /assets carry a content hash in their name, so they are cached for a year
 * and never revalidated; everything else (index.html, the service worker, the manifest, icons,
 * robots.txt) is revalidated on every use, so a new deploy is picked up at once. A path naming a file
 * that does not exist is a 404, not the app's page; other paths are client-side routes and get the page.
 */
function clientRoutes(clientDir: string): express.Router {
  const router = express.Router();
  router.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), { index: false, immutable: true, maxAge: "365d" }),
    (_req, res) => {
      res.status(404).type("text/plain").send("Not found");
    },
  );
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  router.get(/^\/(?!api\/|socket\.io\/).*/, (req, res) => {
    if (namesAFile(req.path)) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(path.join(clientDir, "index.html"));
  });
  return router;
}

/**
 * Extensions a browser or crawler asks for as files. A route's last segment may hold a dot (an invite
 * link is `<id>.<signature>`), so only these endings make a path a file request.
 */
const fileExtension =
  /\.(?:js|mjs|css|map|html?|json|webmanifest|txt|xml|ico|png|svg|jpe?g|gif|webp|avif|woff2?|ttf|pdf|zip)$/i;

function namesAFile(pathname: string): boolean {
  return fileExtension.test(pathname.slice(pathname.lastIndexOf("/") + 1));
}

/**
 * A health probe: true when the database answers a ping within 1.5 s. At most one ping is in flight —
 * against FerretDB the app has a single connection, and pings piling up behind an outage would delay
 * recovery — and no connection state is trusted: the ping itself tells.
 */
function databasePinger(connection: Connection): () => Promise<boolean> {
  let pending: Promise<unknown> | null = null;
  return async () => {
    const db = connection.db;
    if (!db) return false;
    pending ??= db
      .admin()
      .ping()
      .finally(() => {
        pending = null;
      });
    try {
      await Promise.race([
        pending,
        new Promise((_, reject) => setTimeout(() => reject(new Error("ping timed out")), 1500).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  };
}
