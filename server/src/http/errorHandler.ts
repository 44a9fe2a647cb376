// The one place errors become HTTP responses. Nothing internal (stack, query, driver text) leaves.
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { ErrorResponse } from "@mufakat/shared";
import { ZodError } from "zod";
import { AppError, appError, isDatabaseUnavailable, validationError } from "../errors.ts";

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error.issues);
  if (isDatabaseUnavailable(error)) {
    return appError("DATABASE_UNAVAILABLE", "the database is unavailable; nothing was saved, try again shortly");
  }
  const bodyError = error as { type?: string; status?: number };
  if (bodyError?.type === "entity.parse.failed") {
    return appError("VALIDATION_FAILED", "(body): not valid JSON", [{ path: "(body)", message: "not valid JSON" }]);
  }
  if (bodyError?.type === "entity.too.large") return appError("PAYLOAD_TOO_LARGE", "request body is too large");
  if (bodyError?.type === "encoding.unsupported" || bodyError?.type === "charset.unsupported") {
    return appError("VALIDATION_FAILED", "(body): unsupported encoding", [
      { path: "(body)", message: "unsupported encoding" },
    ]);
  }
  if (typeof bodyError?.status === "number" && bodyError.status >= 400 && bodyError.status < 500) {
    return appError("VALIDATION_FAILED", "the request could not be read");
  }
  return null;
}

export const renderError: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toAppError(error);
  const rendered = known ?? appError("INTERNAL", "something went wrong on our side; the request id is in X-Request-Id");
  // req.log writes `err` through server/src/logging.ts: a body a parser hung on the error is left out.
  if (!known) req.log?.error({ err: error }, "unhandled error");
  else if (rendered.code === "DATABASE_UNAVAILABLE") req.log?.warn({ err: error }, "database unavailable");
  if (res.headersSent) return;
  if (rendered.code === "DATABASE_UNAVAILABLE") res.setHeader("Retry-After", "5");
  const body: ErrorResponse = {
    error: {
      code: rendered.code,
      message: rendered.message,
      ...(rendered.details ? { details: rendered.details } : {}),
    },
  };
  res.status(rendered.status).json(body);
};

export const notFound: RequestHandler = (_req, _res, next) => {
  next(appError("NOT_FOUND", "no such API route"));
};
