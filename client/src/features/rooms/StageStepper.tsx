// The room's collaboration stage as a stepper of the five stages (exploration to ended): the ones behind
// are marked done, the current one is named as such for screen readers too.
import { type CollaborationStage, collaborationStages } from "@mufakat/shared";
import { useT } from "../../i18n/I18nProvider.tsx";

export function StageStepper({ stage }: { stage: CollaborationStage }) {
  const t = useT();
  const current = collaborationStages.indexOf(stage);
  return (
    <ol className="stage-stepper" aria-label={t("room.stage")} data-testid="stage-stepper" data-stage={stage}>
      {collaborationStages.map((step, index) => {
        const state = index < current ? "done" : index === current ? "current" : "next";
        return (
          <li
            key={step}
            className={`stage-step stage-step-${state}`}
            aria-current={state === "current" ? "step" : undefined}
            data-testid="stage-step"
            data-stage={step}
            data-state={state}
          >
            <span className="stage-step-number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="stage-step-label">{t(`stage.${step}`)}</span>
            {state === "current" && <span className="visually-hidden"> ({t("room.stageCurrent")})</span>}
          </li>
        );
      })}
    </ol>
  );
}
