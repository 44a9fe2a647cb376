// The shape of one HTTP operation in the contract: method, path, params, query, body, the responses per
// status and the exact error codes it can answer with. Pure data and zod: the server's router and its
// OpenAPI document, the client's typed calls and the tests' client are all derived from these entries.
import { z } from "zod";
import { type ErrorCode, errorStatus } from "../errors.ts";

export type HttpMethod = "get" | "post" | "patch" | "delete";

export interface ResponseDeclaration {
  description: string;
  /** The JSON body; absent for a response without one (204) or with another content type. */
  schema?: z.ZodType;
  /** Set for a non-JSON body (the CSV exports); JSON otherwise. */
  contentType?: string;
}

/** The names of the `:params` in an Express-style path. */
export type PathParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

export type PathParamsSchema<Path extends string> = z.ZodObject<{ [Name in PathParamNames<Path>]: z.ZodString }>;

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** Express-style path below /api, e.g. "/rooms/:roomId". */
  path: string;
  summary: string;
  tag: string;
  /** Needs `Authorization: Bearer <access token>`. */
  auth: boolean;
  /** Login-style routes get the stricter per-address limit. */
  authRateLimited?: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, ResponseDeclaration>;
  /** The codes this operation's own logic answers with; those every route can give are added by defineOperation. */
  errors?: readonly ErrorCode[];
}

export type OperationContract<Spec extends OperationSpec = OperationSpec> = Spec & {
  /** `{ name: string }` for each `:name` in the path (the base type, for any path: a string record). */
  params: string extends Spec["path"] ? z.ZodType<Record<string, string>> : PathParamsSchema<Spec["path"]>;
  /** Every code the operation can answer with: its own plus those of the layers every request passes. */
  errors: readonly ErrorCode[];
  /** False when the body schema accepts `{}`: the server reads a missing body as `{}`. */
  bodyRequired: boolean;
};

/**
 * Codes every /api request can meet before or after its operation runs: a body that is not JSON or is
 * too large (the JSON parser runs for every route), the database going away, and a bug.
 */
export const everyOperationErrors = [
  "VALIDATION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "DATABASE_UNAVAILABLE",
  "INTERNAL",
] as const satisfies readonly ErrorCode[];

/** What the bearer-token check answers with (commands/authenticateUser.ts). */
export const authenticationErrors = [
  "UNAUTHENTICATED",
  "TOKEN_EXPIRED",
  "TOKEN_INVALID",
] as const satisfies readonly ErrorCode[];

function pathParamsSchema<Path extends string>(path: Path): PathParamsSchema<Path> {
  const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] as string);
  return z.strictObject(Object.fromEntries(names.map((name) => [name, z.string()]))) as PathParamsSchema<Path>;
}

export function defineOperation<const Spec extends OperationSpec>(spec: Spec): OperationContract<Spec> {
  const errors = new Set<ErrorCode>([
    ...everyOperationErrors,
    ...(spec.auth ? authenticationErrors : []),
    ...(spec.authRateLimited ? (["RATE_LIMITED"] as const) : []),
    ...(spec.errors ?? []),
  ]);
  return {
    ...spec,
    params: pathParamsSchema(spec.path),
    errors: [...errors],
    bodyRequired: spec.body ? !spec.body.safeParse({}).success : false,
  } as OperationContract<Spec>;
}

/** The HTTP statuses of an operation's error codes, each with its codes, lowest status first. */
export function errorStatusesOf(operation: { errors: readonly ErrorCode[] }): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of operation.errors) {
    const status = errorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

// --- Types derived from an entry, for the server's handlers and the typed clients ----------------------

type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : undefined;
type SchemaInput<S> = S extends z.ZodType ? z.input<S> : undefined;

export type ParamsOf<C extends OperationContract> = z.output<C["params"]>;
export type QueryOf<C extends OperationContract> = SchemaOutput<C["query"]>;
export type BodyOf<C extends OperationContract> = SchemaOutput<C["body"]>;
/** What a caller sends: the schemas' input side (defaults may be left out). */
export type QueryInputOf<C extends OperationContract> = SchemaInput<C["query"]>;
export type BodyInputOf<C extends OperationContract> = SchemaInput<C["body"]>;

type SuccessStatus<C extends OperationContract> = keyof C["responses"] & number;

/** A response a handler may produce: one of the declared statuses with the body its schema accepts. */
export type ResponseOf<C extends OperationContract> = {
  [Status in SuccessStatus<C>]: C["responses"][Status] extends { schema: infer S extends z.ZodType }
    ? { status: Status; body: z.input<S> }
    : { status: Status; body?: undefined };
}[SuccessStatus<C>];

/** The parsed body of a successful response, as a client reads it (any declared status). */
export type ResultOf<C extends OperationContract> = {
  [Status in SuccessStatus<C>]: C["responses"][Status] extends { schema: infer S extends z.ZodType }
    ? z.output<S>
    : undefined;
}[SuccessStatus<C>];

/** What a typed client passes to call an operation: the path's params, the query and the body its schemas take. */
export type CallInputOf<C extends OperationContract> = (C["params"] extends { shape: infer Shape }
  ? keyof Shape extends never
    ? { params?: undefined }
    : { params: { [Name in keyof Shape]: string | number } }
  : { params?: Record<string, string | number> }) &
  (C extends { query: object } ? { query?: QueryInputOf<C> } : { query?: undefined }) &
  (C extends { body: object } ? { body: BodyInputOf<C> } : { body?: undefined });
