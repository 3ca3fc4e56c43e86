"""The one error of ``score``: a bad scheme or input, said in one line (Chinese, then English)."""


class ScoreInputError(Exception):
    """A scheme or input the command refuses; ``str()`` is the line shown to the user."""
