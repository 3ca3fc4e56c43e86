"""Normalisation: one place where raw text becomes comparable text and typed values."""
