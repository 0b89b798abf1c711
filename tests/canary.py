"""Test policy: the secret every seeded secret-looking setting holds. No output, log, error or recording may
ever contain it (tests/reliability/test_secrets.py)."""

CANARY = "CANARY-5f3a9c1e-do-not-print"
