"""The one error of ``grade``: bad input or policy, said in one line (Chinese, then English)."""


class GradeInputError(Exception):
    """A score table or policy file the command refuses; ``str()`` is the line shown to the user."""
