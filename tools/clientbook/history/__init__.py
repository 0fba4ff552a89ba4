"""The audit trail: git's log read once, field-by-field changes, and what they describe."""
