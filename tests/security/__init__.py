"""The security suite (see conftest.py): every test here must leave the loopback listener silent."""
