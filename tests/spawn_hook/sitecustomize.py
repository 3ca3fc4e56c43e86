"""For the limits tests under the spawn start method (tests/test_limits.py): a spawned child is a fresh
interpreter, so the test's patch of the reader cannot be inherited; this module, on the child's path
through PYTHONPATH, makes the same patch when ``REPORTCHECK_TEST_PATHOLOGICAL`` is ``victim:how``."""

import os

if os.environ.get("REPORTCHECK_TEST_PATHOLOGICAL"):
    from limits_pathology import patch_from_environment

    patch_from_environment()
