"""The reviewer's loop: report.html marks verdicts as wrong, exports reviews.jsonl, and
`pipeline run --reviews` applies them (README, "Reviews").

key.py    the review key: which sentence a review is about, stable across re-runs
load.py   reviews.jsonl -> Reviews, every bad line an error before any work
apply.py  the reviewer's verdicts over the machine's, after deciding and before writing
"""

from .apply import ReviewOutcome, apply_reviews
from .key import assign_keys, normalise, sentence_keys
from .load import Review, load_reviews

__all__ = ["Review", "ReviewOutcome", "apply_reviews", "assign_keys", "load_reviews", "normalise", "sentence_keys"]
