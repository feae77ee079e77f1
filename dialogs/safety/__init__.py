"""Signs that someone may be in danger, read from what they type, in lv, lt, ru and en."""

from dialogs.safety.detect import Concern, detect, is_help_request
from dialogs.safety.normalize import normalize

__all__ = ["Concern", "detect", "is_help_request", "normalize"]
