# Reference scores for tests/data/lm_reference.json: the language-model scorer as it was on llama-cpp-python 0.3.36.
# Run it with a Python that has llama-cpp-python (it is not a dependency of this project any more):
#   python scripts/lm_reference.py MODEL.gguf texts.json out.json
import sys, json, time
import numpy as np
from llama_cpp import Llama
path, infile, outfile = sys.argv[1:4]
llm = Llama(model_path=path, n_ctx=256, n_batch=256, logits_all=True, n_threads=2, n_threads_batch=2, verbose=False)
texts = json.load(open(infile))
out = []
t0 = time.time()
for text in texts:
    toks = llm.tokenize(text.encode("utf-8"), add_bos=True)[:256]
    if len(toks) < 3:
        out.append([0.0, 0, toks]); continue
    llm.reset(); llm.eval(toks)
    logits = np.asarray(llm.scores[: len(toks) - 1], dtype=np.float64)
    top = logits.max(axis=1, keepdims=True)
    logz = (top + np.log(np.exp(logits - top).sum(axis=1, keepdims=True))).ravel()
    nll = logz - logits[np.arange(len(toks) - 1), toks[1:]]
    out.append([float(nll.mean()), len(toks) - 1, toks])
print(len(texts)/(time.time()-t0), "sent/s", file=sys.stderr)
json.dump(out, open(outfile, "w"))
