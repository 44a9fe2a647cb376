// Users, the sectors they speak for, and the account forms.
import { z } from "zod";
import { limits } from "../limits.ts";

/** The five sectors of a collaborative-governance forum (pemerintah, swasta, masyarakat, akademisi, media). */
export const sectors = ["government", "private", "community", "academia", "media"] as const;
export const sectorSchema = z.enum(sectors);
export type Sector = z.infer<typeof sectorSchema>;

const trimmed = (max: number) => z.string().trim().min(1, "required").max(max, `at most ${max} characters`);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.emailChars)
  .pipe(z.email("must be an email address"))
  // JSON Schema shows the pipe's input side (a string); the format says what the output side checks.
  .meta({ format: "email", pattern: z.regexes.email.source });

export const passwordSchema = z
  .string()
  .min(limits.passwordMinChars, `at least ${limits.passwordMinChars} characters`)
  .max(limits.passwordMaxChars, `at most ${limits.passwordMaxChars} characters`);

export const registerInputSchema = z.strictObject({
  email: emailSchema,
  displayName: trimmed(limits.displayNameChars),
  password: passwordSchema,
  sector: sectorSchema,
  organisation: trimmed(limits.organisationChars),
});
export type RegisterInput = z.infer<typeof registerInputSchema>;

export const loginInputSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, "required").max(limits.passwordMaxChars),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const updateProfileInputSchema = z
  .strictObject({
    displayName: trimmed(limits.displayNameChars),
    sector: sectorSchema,
    organisation: trimmed(limits.organisationChars),
    locale: z.enum(["id", "en"]),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, {
    message: "at least one field to change",
    params: { rule: "nothingToChange" },
  })
  .meta({ minProperties: 1 });
export type UpdateProfileInput = z.infer<typeof updateProfileInputSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  sector: sectorSchema,
  organisation: z.string(),
  locale: z.enum(["id", "en"]),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** A user as other members see them: no email. */
export const publicUserSchema = userSchema.pick({ id: true, displayName: true, sector: true, organisation: true });
export type PublicUser = z.infer<typeof publicUserSchema>;

export const sessionSchema = z.object({
  user: userSchema,
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;
