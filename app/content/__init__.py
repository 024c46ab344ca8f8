"""Reads and validates content/ (services and the region) and builds the in-memory catalogue."""
