// Small statistics helpers: every figure in the report is a summary of several samples.

export function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** { median, min, max, p25, p75, n, samples } of a list of numbers. */
export function summarize(values, digits = 3) {
  const round = (x) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
  return {
    median: round(median(values)),
    p25: round(quantile(values, 0.25)),
    p75: round(quantile(values, 0.75)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    n: values.length,
    samples: values.map(round),
  };
}

/** "123 (98–140)" — median and range, for the table. */
export function fmtRange(summary, unit = '', digits = 1) {
  if (!summary || !Number.isFinite(summary.median)) return 'n/a';
  const f = (x) => formatNumber(x, digits);
  return summary.n > 1 ? `${f(summary.median)}${unit} (${f(summary.min)}–${f(summary.max)})` : `${f(summary.median)}${unit}`;
}

export function formatNumber(x, digits = 1) {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 10_000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  return x.toFixed(digits);
}
