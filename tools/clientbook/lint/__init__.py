"""Checking records: the rules, the per-file checker, the lint cache and the reporters."""
