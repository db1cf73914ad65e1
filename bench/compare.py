"""Compare two runs' outputs byte for byte, minus what records how the run went.

summary.json's `timing_s` and the executor settings in its `config` (and any
other config sections named), and the seconds in report.html's header line,
differ between two runs that found the same things; everything else must not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def outputs(out: Path, config_ignored: tuple[str, ...] = ("executor",)) -> dict[str, bytes]:
    """Every file under out/cleaned and out/reports, keyed by folder/name, normalised as above."""
    files = {}
    for path in sorted((out / "cleaned").glob("*.md")) + sorted((out / "reports").iterdir()):
        data = path.read_bytes()
        if path.name == "summary.json":
            summ = json.loads(data)
            summ.pop("timing_s")
            for section in config_ignored:
                summ["config"].pop(section)
            data = json.dumps(summ, sort_keys=True).encode()
        elif path.name == "report.html":
            data = re.sub(rb" \xc2\xb7 [0-9.]+ s</p>", b"</p>", data, count=1)
        files[f"{path.parent.name}/{path.name}"] = data
    return files


def differences(a: Path, b: Path, config_ignored: tuple[str, ...] = ("executor",)) -> list[str]:
    """Names of files that differ or exist in one run only; [] when the outputs are the same."""
    x, y = outputs(a, config_ignored), outputs(b, config_ignored)
    return sorted(n for n in set(x) | set(y) if x.get(n) != y.get(n))
