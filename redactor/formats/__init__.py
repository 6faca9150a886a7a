"""Format handlers: read a file into text with locations, write a redacted copy, re-read it."""
