"""A run that went on without a signal (LanguageTool down, the language-model process dead) says so."""

from __future__ import annotations

#: summary.json's count of sentences scored without a signal that failed: the signal, and what ran it.
UNCHECKED = {"grammar_unchecked": ("languagetool_v1", "LanguageTool"), "lm_unchecked": ("lm_fluency_v1", "the language model")}


def missing_signals(summ: dict) -> list[str]:
    """One line per signal some sentences were scored without, for the top of the reports."""
    return [f"{name}: {summ[metric]} sentences scored without {what} (it failed; gate with --fail-on '{metric}>0')"
            for metric, (name, what) in UNCHECKED.items() if summ.get(metric)]
