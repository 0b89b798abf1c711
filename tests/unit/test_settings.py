import pytest

from azext_pyappsvc.platform.redact import mask_credentials
from azext_pyappsvc.platform.settings import MASK, looks_secret, managed_view, visible_value


def test_only_managed_keys_are_visible():
    assert visible_value("PRE_BUILD_COMMAND", "echo hi") == "echo hi"
    assert visible_value("DATABASE_PASSWORD", "hunter2") == MASK
    assert visible_value("MY_SETTING", "harmless") == MASK
    assert visible_value("WEBSITE_RUN_FROM_PACKAGE", "1") == "1"
    assert visible_value("WEBSITE_RUN_FROM_PACKAGE", "https://x.blob.core.windows.net/p.zip?sig=abc") == MASK


def test_managed_view_keeps_shape_and_unknowns():
    assert managed_view(None, ("A",)) is None
    assert managed_view({"SECRET_KEY": "x"}, ("PRE_BUILD_COMMAND",)) == {"PRE_BUILD_COMMAND": None}


def test_secret_names():
    assert all(looks_secret(n) for n in ("DB_PASSWORD", "SECRET_KEY", "API_TOKEN", "AzureWebJobsStorage__key",
                                         "MY_CONNECTION_STRING"))
    assert not any(looks_secret(n) for n in ("PRE_BUILD_COMMAND", "WEBSITES_PORT", "DEBUG"))


def test_secret_names_include_pass_and_creds():
    assert all(looks_secret(n) for n in ("DB_PASS", "SMTP_PASS", "CERT_PASS", "CREDS", "BASIC_AUTH"))
    assert not any(looks_secret(n) for n in ("DJANGO_SETTINGS_MODULE", "MODE", "LOG_LEVEL"))


@pytest.mark.parametrize("value", [
    "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
    "sk-proj-abcdefghijklmnopqrstuvwxyz012345", "AKIAIOSFODNN7EXAMPLE",
    "https://hooks.slack.com/services/T000/B000/XXXXXXXX", "xoxb-123456789012-abcdefghij",
    "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
    "-----BEGIN RSA PRIVATE KEY-----", "user:pw", "Zx8fQ2kLmN4pR7sT9vWy3bC", "0123456789abcdef0123456789abcdef"])
def test_a_value_that_reads_as_a_secret_is_secret_whatever_its_name(value):
    assert looks_secret("OPAQUE", value)



@pytest.mark.parametrize("token", ["ghp_abcdefghijklmnopqrstuvwxyz0123456789", "sk-proj-abcdefghijklmnopqrstuvwxyz0",
                                   "AKIAIOSFODNN7EXAMPLE", "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
                                   "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"])
def test_a_provider_token_is_masked_wherever_it_appears(token):
    masked = mask_credentials(f"pushed with {token} today")
    assert token.splitlines()[-1][-12:] not in masked and masked.startswith("pushed with <redacted>")


@pytest.mark.parametrize("value", ["prod", "mysite.settings", "db.example.com:5432", "https://example.com/a",
                                   "INFO", "a-plain-lowercase-sentence-of-words", "Python 3.12"])
def test_ordinary_values_are_not_secret(value):
    assert not looks_secret("MODE", value)
