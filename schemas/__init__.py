"""Data: template specs, rule packs and JSON Schemas, shipped as reportcheck.schemas."""
