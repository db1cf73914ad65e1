"""The CI gate: threshold rules and baseline comparison over summary.json metrics.

A rule is `metric OP number`, e.g. `garbled_rate>0.05`. Metrics are the numbers
in summary.json, addressed by dotted path (`verdicts.garbled`, `reasons.glued_words`);
a bare verdict name (`bilingual_dup`) means its count, `<verdict>_rate` its share
of sentences. A rule that holds is a failure.
"""

from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError

#: Exit codes (stable; documented in the README).
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_GATE = 0, 1, 2, 3

_RULE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
_OPS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne}
VERDICTS = ("ok", "garbled", "boilerplate", "bilingual_dup", "dup", "heading")
#: Metrics compared with a baseline; for all of them, higher is worse.
BASELINE_METRICS = ["garbled_rate", "mean_garble", "bilingual_dup_rate", "dup_rate", "boilerplate_rate", "skipped_files"]


@dataclass(frozen=True)
class Check:
    rule: str
    value: float
    failed: bool


def metrics(summary: dict[str, Any]) -> dict[str, float]:
    """Flatten summary.json into name -> number, adding per-verdict counts and rates."""
    out: dict[str, float] = {}

    def walk(obj: Any, prefix: str) -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, f"{prefix}{k}.")
        elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
            out[prefix[:-1]] = float(obj)

    walk({k: v for k, v in summary.items() if k not in ("config", "timing_s")}, "")
    n = float(summary.get("sentences") or 0)
    for v in VERDICTS:
        count = float(summary.get("verdicts", {}).get(v, 0))
        out[v] = count
        # summary.json's own garbled_rate (over body sentences) wins over this share of all sentences.
        out.setdefault(f"{v}_rate", round(count / n, 4) if n else 0.0)
    out["skipped_files"] = float(len(summary.get("skipped", [])))
    return out


def parse_rule(rule: str) -> tuple[str, str, float]:
    m = _RULE.match(rule)
    if not m:
        raise ConfigError(f"gate rule {rule!r} is not `metric OP number` (e.g. garbled_rate>0.05)")
    return m.group(1), m.group(2), float(m.group(3))


#: Metrics every summary has; counters under these prefixes may be absent (= 0).
TOP_METRICS = ["articles", "articles_written", "sentences", "garbled_rate", "mean_garble", "skipped_files", "grammar_unchecked", "lm_unchecked",
               *VERDICTS, *(f"{v}_rate" for v in VERDICTS)]
PREFIXES = ("verdicts.", "reasons.", "actions.", "pairs.")


def validate_rule(rule: str) -> tuple[str, str, float]:
    """Parse a rule and check its metric exists, before any work is done."""
    name, op, limit = parse_rule(rule)
    if name not in TOP_METRICS and not name.startswith(PREFIXES):
        raise ConfigError(f"gate rule {rule!r}: unknown metric {name!r} (known: {', '.join(TOP_METRICS)}, {', '.join(p + '*' for p in PREFIXES)})")
    return name, op, limit


def check_rules(rules: list[str], summary: dict[str, Any]) -> list[Check]:
    have = metrics(summary)
    checks = []
    for rule in rules:
        name, op, limit = validate_rule(rule)
        value = have.get(name, 0.0)
        checks.append(Check(rule, value, _OPS[op](value, limit)))
    return checks


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"baseline {path} does not exist") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"baseline {path} is not a summary.json: {exc}") from None


def compare(old: dict[str, Any], new: dict[str, Any], tolerance: float) -> list[tuple[str, float, float, bool]]:
    """(metric, old, new, regressed) for every baseline metric."""
    a, b = metrics(old), metrics(new)
    rows = []
    for name in BASELINE_METRICS:
        o, n = a.get(name, 0.0), b.get(name, 0.0)
        rows.append((name, o, n, n - o > (0 if name == "skipped_files" else tolerance)))
    return rows


def diff_table(rows: list[tuple[str, float, float, bool]]) -> str:
    lines = [f"{'metric':<20} {'baseline':>9} {'now':>9} {'change':>9}"]
    for name, o, n, bad in rows:
        lines.append(f"{name:<20} {o:>9.4g} {n:>9.4g} {n - o:>+9.4g}{'  REGRESSED' if bad else ''}")
    return "\n".join(lines)


@dataclass
class GateResult:
    checks: list[Check]
    baseline: list[tuple[str, float, float, bool]]

    @property
    def failed(self) -> bool:
        return any(c.failed for c in self.checks) or any(r[3] for r in self.baseline)

    def as_junit(self) -> list[tuple[str, bool, str]]:
        rows = [(c.rule, c.failed, f"{c.rule} holds: the value is {c.value:g}") for c in self.checks]
        rows += [(f"baseline {n}", bad, f"{n} regressed from {o:g} to {v:g}") for n, o, v, bad in self.baseline]
        return rows

    def as_dict(self) -> dict[str, Any]:
        return {
            "failed": self.failed,
            "rules": [{"rule": c.rule, "value": c.value, "failed": c.failed} for c in self.checks],
            "baseline": [{"metric": n, "baseline": o, "now": v, "regressed": bad} for n, o, v, bad in self.baseline],
        }


def evaluate(rules: list[str], summary: dict[str, Any], baseline: dict[str, Any] | None, tolerance: float) -> GateResult:
    return GateResult(check_rules(rules, summary), compare(baseline, summary, tolerance) if baseline is not None else [])
