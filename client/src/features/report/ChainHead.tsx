// The decision log's head on the printed report: the newest record's hash, written out and as a QR code,
// so a paper copy pins the log as it stood when printed. Anyone holding a later export can check that
// the record with that seq still carries that hash (`pnpm verify-log FILE --pin HASH`, docs/decision-log.md).
import type { ChainVerification } from "@mufakat/shared";
import QRCode from "qrcode";
import { useT } from "../../i18n/I18nProvider.tsx";

export function ChainHead({ chain }: { chain: ChainVerification }) {
  const t = useT();
  if (chain.headSeq === null) {
    return (
      <section className="chain-head" data-testid="report-chain-head" data-head-seq="">
        <p className="note">{t("report.headHash.empty")}</p>
      </section>
    );
  }
  const seq = chain.headSeq;
  return (
    <section className="chain-head" data-testid="report-chain-head" data-head-seq={seq}>
      <QrCode text={chain.headHash} label={t("report.headHash.qr", { seq })} />
      <div>
        <h2>{t("report.headHash.title")}</h2>
        <p>
          {t("report.headHash.label", { seq })}:{" "}
          <code className="chain-head-hash" data-testid="report-head-hash">
            {chain.headHash}
          </code>
        </p>
        <p className="note">{t("report.headHash.note", { seq })}</p>
      </div>
    </section>
  );
}

/** The QR symbol as SVG squares (one path), drawn from qrcode's module matrix: sharp on paper at any size. */
function QrCode({ text, label }: { text: string; label: string }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  // The standard's quiet zone: four modules of white on every side.
  const quiet = 4;
  const side = modules.size + 2 * quiet;
  let path = "";
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  return (
    <svg
      className="chain-head-qr"
      data-testid="report-head-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${side} ${side}`}
      width={side * 4}
      height={side * 4}
      shapeRendering="crispEdges"
    >
      <title>{label}</title>
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
