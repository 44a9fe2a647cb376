// Two day pickers bounding a period (both days included), in local time, each chosen day written out in the
// UI's language beside its picker.
import { useId } from "react";
import { useT } from "../../i18n/I18nProvider.tsx";
import { ChosenDay } from "./ChosenDay.tsx";

export interface PeriodDays {
  from: string;
  to: string;
}

interface PeriodFieldsProps {
  value: PeriodDays;
  onChange(value: PeriodDays): void;
  testId: string;
}

export function PeriodFields({ value, onChange, testId }: PeriodFieldsProps) {
  const t = useT();
  const id = useId();
  return (
    <span className="period-fields">
      <label htmlFor={`${id}-from`}>{t("period.from")}</label>{" "}
      <input
        id={`${id}-from`}
        type="date"
        value={value.from}
        data-testid={`${testId}-from`}
        onChange={(event) => onChange({ ...value, from: event.target.value })}
      />{" "}
      <ChosenDay day={value.from} inputId={`${id}-from`} testId={`${testId}-from-shown`} />{" "}
      <label htmlFor={`${id}-to`}>{t("period.to")}</label>{" "}
      <input
        id={`${id}-to`}
        type="date"
        value={value.to}
        data-testid={`${testId}-to`}
        onChange={(event) => onChange({ ...value, to: event.target.value })}
      />{" "}
      <ChosenDay day={value.to} inputId={`${id}-to`} testId={`${testId}-to-shown`} />
    </span>
  );
}
