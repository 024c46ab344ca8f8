"""Pure domain logic: answers, opening hours, the catalogue and recommend().

Nothing here imports FastAPI, Jinja or does I/O: it is tested with plain data.
"""
