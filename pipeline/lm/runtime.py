"""Scoring with the language model. This module runs in the language-model process, never in the run's.

A sentence's score is the mean negative log-likelihood (nats) of its tokens after the first, each
given the tokens before it, as llama.cpp scored it before (no BOS token: the GGUF file asks for
none). CTranslate2 scores a batch of sentences in one call (`Generator.score_batch`), which is
where its speed over one-sentence-per-call comes from. A batch holds sentences of one length only:
with int8 weights, padding a sentence to a longer neighbour's length moved its score by up to
0.06 nats (measured), so a score would have depended on the other sentences of its run. Without
padding each sentence scores exactly as it does alone, and batches of equal lengths were as fast
as padded ones on real text (36 sentences/s on 2 cores, 256 sentences a call).

One batch per core at a time (`inter_threads`), each on one thread, rather than every core on one
batch: a batch of a few short sentences keeps two threads only 45% busier than one, so splitting
it across cores gained 13%, and running two batches at once gained 81% (800 MLQE-PE dev sentences
on 2 cores: 1,683 against 3,045 tokens/s, measured 2026-12-04, the same scores to the last bit).
"""

from __future__ import annotations

from pathlib import Path

MAX_TOKENS = 256  # longer sentences are scored on their first 256 tokens
BATCH = 32  # sentences per forward pass, at most


class Runtime:
    def __init__(self, model_dir: str | Path, threads: int) -> None:
        import ctranslate2
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        # compute_type "default" keeps the int8 weights as converted.
        self.generator = ctranslate2.Generator(str(model_dir), device="cpu", compute_type="default",
                                               intra_threads=1, inter_threads=max(1, threads))

    def score(self, texts: list[str]) -> list[tuple[float, int]]:
        """(mean nll per token, tokens scored) per text; (0.0, 0) for a text of fewer than 3 tokens."""
        tokens = [enc.tokens[:MAX_TOKENS] for enc in self.tokenizer.encode_batch(texts, add_special_tokens=False)]
        by_length: dict[int, list[int]] = {}
        for i, t in enumerate(tokens):
            if len(t) >= 3:
                by_length.setdefault(len(t), []).append(i)
        out = [(0.0, 0)] * len(texts)
        batches = [same[k : k + BATCH] for same in by_length.values() for k in range(0, len(same), BATCH)]
        # All batches queued at once: each of the generator's workers takes the next as it finishes one.
        pending = [(batch, self.generator.score_batch([tokens[i] for i in batch], asynchronous=True)) for batch in batches]
        for batch, results in pending:
            for i, res in zip(batch, results):
                lp = res.result().log_probs
                out[i] = (-sum(lp) / len(lp), len(lp))
        return out


def load(model_dir: str, threads: int) -> Runtime:
    """The loader the language-model process calls (process.LOADER names it)."""
    return Runtime(model_dir, threads)
