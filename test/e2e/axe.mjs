// axe-core (the field's accessibility checker) run inside a page or frame of the workbench, with the
// WCAG 2.x A and AA rules. Findings are split into ours (nodes the extension renders: the history webview,
// the rows and messages of our views) and VS Code's (the workbench around them), which are reported but
// never fail a test: we cannot fix them.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The impacts that fail a test. */
export const BLOCKING = new Set(['serious', 'critical']);

/**
 * Violations in `target` (a playwright Page or Frame) under the element matching `scope` (whole document
 * without one), one entry per rule and node: { rule, impact, help, target, html, summary }.
 * The script goes in through the DevTools protocol, so a page's CSP does not stop it.
 */
export async function axeFindings(target, { scope } = {}) {
  if (!(await target.evaluate(() => typeof window.axe === 'object'))) await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async ({ scope, tags }) => {
    const context = scope ? document.querySelector(scope) : document;
    if (!context) throw new Error(`axe: nothing matches ${scope}`);
    const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => {
        // What the element shows and what it is called: the two a name-mismatch finding compares.
        const element = document.querySelector(n.target.join(' '));
        const shown = element ? `; shows "${(element.innerText ?? '').replace(/\s+/g, ' ').trim().slice(0, 160)}", named "${element.getAttribute('aria-label') ?? ''}"` : '';
        return { impact: n.impact ?? v.impact, target: n.target.join(' '), html: n.html.slice(0, 240), summary: `${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 400)}${shown}` };
      }),
    }));
  }, { scope, tags: WCAG_TAGS });
  return violations.flatMap((v) => v.nodes.map((n) => ({ rule: v.rule, help: v.help, ...n })));
}

/** The blocking (serious or critical) findings among `findings`. */
export function blocking(findings) {
  return findings.filter((f) => BLOCKING.has(f.impact));
}

/** "rule (impact) at target: summary", one per line, for assertion messages and the log. */
export function describeFindings(findings) {
  return findings.map((f) => `  ${f.rule} (${f.impact}) at ${f.target}: ${f.summary || f.help}\n    ${f.html}`).join('\n');
}

/** Counts by impact: { critical, serious, moderate, minor }. */
export function countByImpact(findings) {
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const f of findings) counts[f.impact] = (counts[f.impact] ?? 0) + 1;
  return counts;
}
