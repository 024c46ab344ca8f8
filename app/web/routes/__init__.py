"""Routes, grouped by what they serve."""
