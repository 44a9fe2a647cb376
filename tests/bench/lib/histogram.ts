// Latency samples in 0.1 ms buckets up to 60 s (anything slower lands in the last bucket, max stays exact).
const resolutionMs = 0.1;
const bucketCount = 600_000;

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class Histogram {
  private readonly buckets = new Uint32Array(bucketCount);
  count = 0;
  max = 0;

  record(ms: number): void {
    const index = Math.min(bucketCount - 1, Math.max(0, Math.floor(ms / resolutionMs)));
    this.buckets[index] = (this.buckets[index] ?? 0) + 1;
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < bucketCount; i++) {
      seen += this.buckets[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, (i + 1) * resolutionMs);
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50Ms: round(this.percentile(50)),
      p95Ms: round(this.percentile(95)),
      p99Ms: round(this.percentile(99)),
      maxMs: round(this.max),
    };
  }
}

export function summarize(samples: number[]): LatencySummary {
  const histogram = new Histogram();
  for (const sample of samples) histogram.record(sample);
  return histogram.summary();
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
