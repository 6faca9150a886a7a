"""SOCIAL_MEDIA: a person's social media profile, as a link ('facebook.com/craig.entwistle.77',
'tiktok.com/@kerryanne') or a handle ('@craigE_77'). Either leads straight to the person.

An e-mail address is not a handle (the '@' follows a word there), nor is '@10am'.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_SITES = (r"facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|linkedin\.com/in|"
          r"youtube\.com|snapchat\.com/add|threads\.net|reddit\.com/u(?:ser)?|pinterest\.(?:com|co\.uk)")


class SocialMediaRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("profile link", r"(?<![\w.-])(?:https?://)?(?:www\.|m\.|uk\.)?(?:" + _SITES
                + r")/@?[A-Za-z0-9_.\-]{2,}(?:[/?][^\s<>\"')]*)?", 0.85),
        Pattern("handle", r"(?<![\w@.])@(?=[A-Za-z0-9_.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
                r"(?![\w@])(?!\.[A-Za-z]{2})", 0.6),
    ]
    CONTEXT = ["facebook", "instagram", "twitter", "tiktok", "snapchat", "handle", "username", "profile", "posts",
               "account", "messaged"]

    def __init__(self) -> None:
        super().__init__(supported_entity="SOCIAL_MEDIA", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="SocialMediaRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return not re.fullmatch(r"@\d{1,2}(?:[:.]\d{2})?(?:am|pm)?", pattern_text, re.IGNORECASE)
