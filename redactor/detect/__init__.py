"""Detection: the Presidio engine set-up and the passes that run after it (names, overlaps)."""
