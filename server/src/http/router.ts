// Builds the Express router from the operation table: rate limit -> auth -> validate -> command -> presenter.
import { type Request, type RequestHandler, Router } from "express";
import { authenticateUser } from "../commands/authenticateUser.ts";
import type { AppContext } from "../context.ts";
import { validationError } from "../errors.ts";
import type { Operation } from "./operation.ts";

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  return match?.[1];
}

export function buildRouter(ctx: AppContext, operations: Operation[], authRateLimit: RequestHandler): Router {
  const router = Router();
  for (const operation of operations) {
    const handlers: RequestHandler[] = [];
    if (operation.authRateLimited) handlers.push(authRateLimit);
    handlers.push(async (req, res) => {
      const user = operation.auth ? await authenticateUser(ctx, { accessToken: bearerToken(req) }) : null;
      let body: unknown;
      if (operation.body) {
        const parsed = operation.body.safeParse(req.body ?? {});
        if (!parsed.success) throw validationError(parsed.error.issues, { value: req.body ?? {} });
        body = parsed.data;
      }
      let query: unknown;
      if (operation.query) {
        const parsed = operation.query.safeParse(req.query);
        if (!parsed.success) throw validationError(parsed.error.issues, { value: req.query });
        query = parsed.data;
      }
      const params = Object.fromEntries(Object.entries(req.params).map(([key, value]) => [key, String(value)]));
      const result = await operation.handle({ body, query, params, user, req, res });
      res.status(result.status);
      if (result.body === undefined) res.end();
      else res.json(result.body);
    });
    router[operation.method](operation.path, ...handlers);
  }
  return router;
}
