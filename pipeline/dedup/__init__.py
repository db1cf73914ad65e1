"""Duplicate detection across the whole input (exact now; near-duplicates and twins later)."""
