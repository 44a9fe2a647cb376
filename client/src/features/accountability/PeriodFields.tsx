// Two day pickers bounding a period (both days included), in local time.
import { useT } from "../../i18n/I18nProvider.tsx";

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
  return (
    <span className="period-fields">
      <label>
        {t("period.from")}{" "}
        <input
          type="date"
          value={value.from}
          data-testid={`${testId}-from`}
          onChange={(event) => onChange({ ...value, from: event.target.value })}
        />
      </label>{" "}
      <label>
        {t("period.to")}{" "}
        <input
          type="date"
          value={value.to}
          data-testid={`${testId}-to`}
          onChange={(event) => onChange({ ...value, to: event.target.value })}
        />
      </label>
    </span>
  );
}
