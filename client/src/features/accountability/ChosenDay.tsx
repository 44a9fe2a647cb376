// The day a date input holds, written out in the UI's language beside it: the browser draws the input in
// its own language and order (05/03/2031 or 3/5/2031), so the page says which day was chosen.
import { useFormat } from "../../i18n/I18nProvider.tsx";
import { dayDate } from "./accountabilityView.ts";

interface ChosenDayProps {
  /** The input's value, "2031-03-05"; nothing is shown for "" or no such day. */
  day: string;
  /** The id of the date input it describes. */
  inputId?: string;
  testId: string;
}

export function ChosenDay({ day, inputId, testId }: ChosenDayProps) {
  const format = useFormat();
  const date = dayDate(day);
  if (!date) return null;
  return (
    <output className="chosen-day" htmlFor={inputId} data-testid={testId}>
      {format.day(date)}
    </output>
  );
}
