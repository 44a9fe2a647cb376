// How much of a text field's length limit is used ("4.980 / 5.000"), in the UI language's number format.
// Screen readers read the count with the field (it is one of the field's descriptions) and hear it
// announced, politely and once the typing pauses, only near the limit or past it.
import { useEffect, useState } from "react";
import { useFormat, useT } from "../i18n/I18nProvider.tsx";

/** Near the limit: the last tenth of it (at least the last 10 characters). */
export function nearLimit(length: number, max: number): boolean {
  return max - length <= Math.max(10, Math.floor(max / 10));
}

/**
 * The length a shared text schema checks: most trim before counting (z.string().trim().max(n)), so spaces
 * and line breaks at either end do not count. Counted in UTF-16 units, as zod's max does.
 */
export function checkedLength(value: string | null | undefined, { trim = true }: { trim?: boolean } = {}): number {
  const text = value ?? "";
  return (trim ? text.trim() : text).length;
}

/** A value once it has stayed the same for `ms`, so a burst of keys makes one announcement, not one each. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface CharacterCounterProps {
  /** The id the field's aria-describedby names. */
  id: string;
  length: number;
  max: number;
  /** data-testid of the visible count; the announcement is `${testId}-live`. */
  testId: string;
}

export function CharacterCounter({ id, length, max, testId }: CharacterCounterProps) {
  const t = useT();
  const format = useFormat();
  const over = length > max;
  const settled = useSettled(length, 700);
  const announcement =
    settled > max
      ? t("counter.over", { over: settled - max })
      : nearLimit(settled, max)
        ? t("counter.remaining", { remaining: max - settled })
        : "";
  return (
    <>
      <small
        id={id}
        className={over ? "char-counter char-counter-over" : "char-counter"}
        data-length={length}
        data-max={max}
        data-over={over}
      >
        <span aria-hidden="true" data-testid={testId}>
          {format.number(length)} / {format.number(max)}
        </span>
        <span className="visually-hidden">{t("counter.description", { length, max })}</span>
      </small>
      <span className="visually-hidden" role="status" data-testid={`${testId}-live`}>
        {announcement}
      </span>
    </>
  );
}
