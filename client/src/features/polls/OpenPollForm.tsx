// Opens a poll: its kind, question and options (for a time poll, its meeting slots), the kind's own
// setting (the counting method, the highest score, the dots per voter) and how long it runs. Checked in
// the browser by the shared openPollInputSchema, so the issues read as the server's would.
import {
  type OpenPollInput,
  type Poll,
  type PollKind,
  openPollInputSchema,
  pollKinds,
  pollLimits,
  rankedMethods,
} from "@mufakat/shared";
import { type FieldError, get, useFieldArray } from "react-hook-form";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useLocale, useT } from "../../i18n/I18nProvider.tsx";
import { formatNumber } from "../../i18n/numbers.ts";
import { openPoll } from "./pollEndpoints.ts";

interface OpenPollFields {
  kind: PollKind;
  title: string;
  /** One option per line (ranked, score and dot polls). */
  options: string;
  /** Time polls: each slot as a datetime-local value, in the browser's time zone. */
  slots: { value: string }[];
  method: (typeof rankedMethods)[number];
  maxScore: string;
  dots: string;
  durationMinutes: string;
}

/** The option lines, blank ones dropped: a trailing newline is not an option. */
export function optionLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A datetime-local value is wall time in the browser's zone; the API takes an instant. */
function slotInstant(value: string): string {
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : instant.toISOString();
}

/** The first issue of a field or of any of its items ("options" or "options.2"). */
function firstError(errors: unknown, path: string): FieldError | undefined {
  const found = get(errors, path) as FieldError | FieldError[] | undefined;
  if (!found) return undefined;
  if (Array.isArray(found)) return found.find(Boolean);
  return found.message ? found : undefined;
}

export function OpenPollForm({ roomId, onOpened }: { roomId: string; onOpened(poll: Poll): void }) {
  const t = useT();
  const { locale } = useLocale();
  const format = (value: number) => formatNumber(value, locale);
  const { form, onSubmit, submitting, serverError, error } = useApiForm<OpenPollFields, OpenPollInput>({
    schema: openPollInputSchema,
    defaultValues: {
      kind: "ranked",
      title: "",
      options: "",
      slots: [{ value: "" }, { value: "" }],
      method: "schulze",
      maxScore: format(5),
      dots: format(10),
      durationMinutes: format(pollLimits.defaultMinutes),
    },
    toInput: (fields, read) => {
      const common = { title: fields.title, durationMinutes: read.number("durationMinutes") };
      switch (fields.kind) {
        case "ranked":
          return { kind: "ranked", ...common, options: optionLines(fields.options), method: fields.method };
        case "score":
          return { kind: "score", ...common, options: optionLines(fields.options), maxScore: read.number("maxScore") };
        case "dot":
          return { kind: "dot", ...common, options: optionLines(fields.options), dots: read.number("dots") };
        case "time":
          return {
            kind: "time",
            ...common,
            options: fields.slots
              .map((slot) => slot.value)
              .filter(Boolean)
              .map(slotInstant),
          };
      }
    },
    send: async (input) => onOpened(await openPoll(roomId, input)),
    onSent: (sent) => sent.reset(),
  });
  const slots = useFieldArray({ control: form.control, name: "slots" });
  const kind = form.watch("kind");
  const errors = form.formState.errors;

  return (
    <details className="open-poll" data-testid="open-poll">
      <summary data-testid="open-poll-toggle">{t("poll.open.title")}</summary>
      <form className="open-poll-form" data-testid="open-poll-form" onSubmit={onSubmit} noValidate>
        <fieldset className="poll-kinds">
          <legend>{t("poll.open.kind")}</legend>
          {pollKinds.map((option) => (
            <label key={option} className="radio">
              <input type="radio" value={option} data-testid={`poll-kind-${option}`} {...form.register("kind")} />
              {t(`poll.kind.${option}`)}
              <span className="note"> — {t(`poll.kindHint.${option}`)}</span>
            </label>
          ))}
        </fieldset>
        <FormField
          name="title"
          label={t("poll.open.question")}
          error={serverError}
          fieldError={errors.title}
          testId="poll-title"
        >
          {(control) => <input {...control} data-testid="poll-title" {...form.register("title")} />}
        </FormField>
        {kind === "time" ? (
          <fieldset className="poll-slots" data-testid="poll-slots">
            <legend>{t("poll.open.slots")}</legend>
            {slots.fields.map((slot, index) => (
              <FormField
                key={slot.id}
                name={`options.${index}`}
                label={t("poll.open.slot", { n: index + 1 })}
                error={serverError}
                fieldError={firstError(errors, `options.${index}`)}
                testId={`poll-slot-${index}`}
              >
                {(control) => (
                  <input
                    {...control}
                    type="datetime-local"
                    data-testid={`poll-slot-${index}`}
                    {...form.register(`slots.${index}.value`)}
                  />
                )}
              </FormField>
            ))}
            {errors.options && !Array.isArray(errors.options) && (
              <p className="field-error" data-testid="poll-slots-error">
                {t("poll.open.slotsInvalid")}
              </p>
            )}
            <button
              type="button"
              className="button-secondary"
              data-testid="poll-add-slot"
              disabled={slots.fields.length >= pollLimits.optionsMax}
              onClick={() => slots.append({ value: "" })}
            >
              {t("poll.open.addSlot")}
            </button>
          </fieldset>
        ) : (
          <FormField
            name="options"
            label={t("poll.open.options")}
            hint={t("poll.open.optionsHint", { max: pollLimits.optionsMax })}
            error={serverError}
            fieldError={firstError(errors, "options")}
            testId="poll-options"
          >
            {(control) => <textarea {...control} rows={4} data-testid="poll-options" {...form.register("options")} />}
          </FormField>
        )}
        {kind === "ranked" && (
          <fieldset className="poll-method">
            <legend>{t("poll.open.method")}</legend>
            {rankedMethods.map((method) => (
              <label key={method} className="radio">
                <input type="radio" value={method} data-testid={`poll-method-${method}`} {...form.register("method")} />
                {t(`poll.method.${method}`)}
              </label>
            ))}
          </fieldset>
        )}
        {kind === "score" && (
          <FormField
            name="maxScore"
            label={t("poll.open.maxScore")}
            error={serverError}
            fieldError={errors.maxScore}
            testId="poll-max-score"
          >
            {(control) => (
              <input {...control} inputMode="numeric" data-testid="poll-max-score" {...form.register("maxScore")} />
            )}
          </FormField>
        )}
        {kind === "dot" && (
          <FormField
            name="dots"
            label={t("poll.open.dots")}
            error={serverError}
            fieldError={errors.dots}
            testId="poll-dots"
          >
            {(control) => <input {...control} inputMode="numeric" data-testid="poll-dots" {...form.register("dots")} />}
          </FormField>
        )}
        <FormField
          name="durationMinutes"
          label={t("poll.open.duration")}
          error={serverError}
          fieldError={errors.durationMinutes}
          testId="poll-duration"
        >
          {(control) => (
            <input {...control} inputMode="decimal" data-testid="poll-duration" {...form.register("durationMinutes")} />
          )}
        </FormField>
        <ErrorMessage error={error} testId="open-poll-error" />
        <button type="submit" className="button-primary" disabled={submitting} data-testid="open-poll-submit">
          {t("poll.open.submit")}
        </button>
      </form>
    </details>
  );
}
