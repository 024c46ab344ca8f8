"""Wie helpt mij? - a child-friendly, anonymous help-finder."""
