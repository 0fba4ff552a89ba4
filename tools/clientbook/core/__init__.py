"""The record model: loading YAML, the schema, the config, and the obligations a record carries."""
