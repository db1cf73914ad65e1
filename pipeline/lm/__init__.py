"""The language model behind lm_fluency_v1: its weights (convert), the process it runs in (process)."""
